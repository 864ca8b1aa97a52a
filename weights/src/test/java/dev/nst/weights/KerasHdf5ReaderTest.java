package dev.nst.weights;

import static dev.nst.weights.KerasFixtures.expectedKernel;
import static dev.nst.weights.KerasFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KerasHdf5ReaderTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"vgg19_old_names.h5", "vgg19_nested_names.h5"})
    void readsEveryConvolutionWithTheExactValuesInOihwOrder(String name) {
        Vgg19Weights weights = new KerasHdf5Reader(fixture(name)).read(VggLayer.RELU5_4);

        KerasFixtures.assertAllSixteenConvolutionsExact(weights);
        assertThat(weights.preprocessing()).isEqualTo(Preprocessing.CAFFE_BGR);
        assertThat(weights.source()).isEqualTo(name + " (Keras HDF5)");
    }

    @ParameterizedTest
    @CsvSource({"conv1_1, 1", "relu1_1, 1", "pool1, 2", "relu2_1, 3", "relu4_2, 10", "pool4, 12", "pool5, 16"})
    void readsOnlyTheConvolutionsTheDeepestLayerNeeds(String deepest, int convolutions) {
        Vgg19Weights weights = new KerasHdf5Reader(fixture("vgg19_nested_names.h5")).read(VggLayer.parse(deepest));

        assertThat(weights.convolutions()).extracting(ConvWeights::layer)
                .containsExactlyElementsOf(VggLayer.convolutions().subList(0, convolutions));
        assertThat(weights.covers(VggLayer.parse(deepest))).isTrue();
    }

    @Test
    void aFileWithFewerLayersIsEnoughForShallowLayersButNotForDeeperOnes() {
        Path file = fixture("vgg19_block1_only.h5");

        assertThat(new KerasHdf5Reader(file).read(VggLayer.POOL1).convolutions()).hasSize(2);
        assertThatThrownBy(() -> new KerasHdf5Reader(file).read(VggLayer.RELU2_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": has no layer block2_conv1 (conv2_1), which the chosen layers need");
    }

    @Test
    void readsAFileThatStartsWithAUserBlock() {
        Vgg19Weights weights = new KerasHdf5Reader(fixture("vgg19_block1_user_block.h5")).read(VggLayer.RELU1_2);

        assertThat(weights.convolution(VggLayer.CONV1_2).kernel()).containsExactly(expectedKernel(2, 4, 4));
    }

    @Test
    void rejectsAKernelWhoseInputChannelsDoNotChainFromTheLayerBefore() {
        Path file = fixture("bad_channel_chain.h5");

        assertThatThrownBy(() -> new KerasHdf5Reader(file).read(VggLayer.RELU2_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": block2_conv1 kernel takes 5 input channels but the layer before produces 4");
    }

    @Test
    void rejectsAKernelThatIsNot3x3() {
        Path file = fixture("bad_kernel_5x5.h5");

        assertThatThrownBy(() -> new KerasHdf5Reader(file).read(VggLayer.RELU1_2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": block1_conv2 kernel is 5x5, expected 3x3");
    }

    @Test
    void rejectsABiasOfTheWrongLength() {
        Path file = fixture("bad_bias_length.h5");

        assertThatThrownBy(() -> new KerasHdf5Reader(file).read(VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": block1_conv1 bias has shape (5), expected (4)");
    }

    @Test
    void rejectsWeightsThatAreNotFloat32() {
        Path file = fixture("bad_float64_kernel.h5");

        assertThatThrownBy(() -> new KerasHdf5Reader(file).read(VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": block1_conv1 kernel holds float64 values, expected float32");
    }

    @Test
    void rejectsAnHdf5FileThatHoldsNoKerasLayers() {
        Path file = fixture("not_keras.h5");

        assertThatThrownBy(() -> new KerasHdf5Reader(file).read(VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": has no layer_names attribute, so it is not a Keras weights file");
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("vgg19_old_names.h5"));
        Path file = Files.write(temp.resolve("truncated.h5"), Arrays.copyOf(whole, whole.length * 6 / 10));

        assertThatThrownBy(() -> new KerasHdf5Reader(file).read(VggLayer.RELU5_4))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": cannot be read, the HDF5 file is corrupt or truncated")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @CsvSource({"superblock, 8, 88", "group headers in the middle, 43000, 4000"})
    void rejectsACorruptFile(String where, int offset, int length) throws IOException {
        byte[] bytes = Files.readAllBytes(fixture("vgg19_old_names.h5"));
        for (int k = offset; k < offset + length; k++) {
            bytes[k] = (byte) (k * 37 + 0xA5);
        }
        Path file = Files.write(temp.resolve("corrupt.h5"), bytes);

        assertThatThrownBy(() -> new KerasHdf5Reader(file).read(VggLayer.RELU5_4))
                .as(where)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": cannot be read, the HDF5 file is corrupt or truncated")
                .hasMessageNotContaining("\n");
    }

    @Test
    void namesConvolutionsTheKerasWay() {
        assertThat(KerasHdf5Reader.kerasName(VggLayer.CONV1_1)).isEqualTo("block1_conv1");
        assertThat(KerasHdf5Reader.kerasName(VggLayer.CONV4_2)).isEqualTo("block4_conv2");
        assertThat(KerasHdf5Reader.kerasName(VggLayer.CONV5_4)).isEqualTo("block5_conv4");
    }
}
