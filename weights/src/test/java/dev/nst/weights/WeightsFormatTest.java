package dev.nst.weights;

import static dev.nst.weights.KerasFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.VggLayer;
import dev.nst.weights.caffe.CaffeProto.LayerParameter;
import dev.nst.weights.caffe.CaffeProto.NetParameter;
import dev.nst.weights.caffe.CaffeProto.V1LayerParameter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeightsFormatTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({
            "vgg19_old_names.h5, KERAS_HDF5", "vgg19_block1_user_block.h5, KERAS_HDF5",
            "torchvision_zip.pth, TORCH_ZIP", "torchvision_features.pth, TORCH_ZIP",
            "torchvision_legacy.pth, TORCH_LEGACY", "torchvision_legacy_v1.pth, TORCH_LEGACY",
            "torchvision_legacy_2017.pth, TORCH_LEGACY",
            "vgg19_caffe_v1.caffemodel, CAFFE", "vgg19_caffe_v2.caffemodel, CAFFE"})
    void recognisesEachFormatByItsContent(String name, WeightsFormat format) throws IOException {
        Path renamed = Files.copy(fixture(name), temp.resolve("weights.bin"));

        assertThat(WeightsFormat.detect(renamed)).contains(format);
    }

    @Test
    void recognisesSafetensors() throws IOException {
        Path file = temp.resolve("w.safetensors");
        Vgg19Safetensors.write(file, WeightsFiles.read(fixture("vgg19_old_names.h5"), VggLayer.RELU1_1), "Keras HDF5");

        assertThat(WeightsFormat.detect(file)).contains(WeightsFormat.SAFETENSORS);
    }

    @Test
    void recognisesNothingElse() throws IOException {
        assertThat(WeightsFormat.detect(Files.writeString(temp.resolve("a.pth"), "<html>Access denied</html>")))
                .isEqualTo(Optional.empty());
        assertThat(WeightsFormat.detect(Files.write(temp.resolve("empty"), new byte[0]))).isEmpty();
        assertThat(WeightsFormat.detect(Files.write(temp.resolve("pickle"), new byte[] {(byte) 0x80, 2, 'K', 1, '.'})))
                .isEmpty();
        // a header length pointing past the end of the file is not safetensors
        assertThat(WeightsFormat.detect(Files.write(temp.resolve("short"), new byte[] {100, 0, 0, 0, 0, 0, 0, 0,
                '{', '}'}))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"vgg19_caffe_v1.caffemodel, 2", "vgg19_caffe_v2.caffemodel, 3", "vgg19_caffe_v2.caffemodel, 60"})
    void recognisesACaffeModelCutShortSoThatTheReaderCanSayItIsTruncated(String name, int percent)
            throws IOException {
        byte[] whole = Files.readAllBytes(fixture(name));
        Path cut = Files.write(temp.resolve("cut"), Arrays.copyOf(whole, whole.length * percent / 100));

        assertThat(WeightsFormat.detect(cut)).contains(WeightsFormat.CAFFE);
    }

    @Test
    void randomBytesAreNotACaffeModelEvenWhenTheyStartLikeOne() throws IOException {
        Random random = new Random(42);
        byte[] bytes = new byte[2048];
        for (int i = 0; i < 300; i++) {
            random.nextBytes(bytes);
            // 0x0a, 0x12 and 0xa2 0x06 are the tags of NetParameter's name, layers and layer
            if (i % 3 == 1) {
                bytes[0] = 0x12;
            } else if (i % 3 == 2) {
                bytes[0] = (byte) 0xa2;
                bytes[1] = 0x06;
            }
            Path file = Files.write(temp.resolve("random-" + i), bytes);

            assertThat(WeightsFormat.detect(file)).as("random bytes, seed 42, file %d", i).isEmpty();
        }
    }

    @Test
    void aNetParameterWithoutAConvolutionIsNotACaffeModel() throws IOException {
        NetParameter net = NetParameter.newBuilder().setName("mlp")
                .addLayer(LayerParameter.newBuilder().setName("fc1").setType("InnerProduct"))
                .addLayer(LayerParameter.newBuilder().setName("prob").setType("Softmax")).build();
        NetParameter unnamed = NetParameter.newBuilder()
                .addLayers(V1LayerParameter.newBuilder().setType(V1LayerParameter.LayerType.CONVOLUTION)).build();

        assertThat(WeightsFormat.detect(Files.write(temp.resolve("mlp"), net.toByteArray()))).isEmpty();
        assertThat(WeightsFormat.detect(Files.write(temp.resolve("unnamed"), unnamed.toByteArray()))).isEmpty();
        assertThat(WeightsFormat.detect(Files.write(temp.resolve("text.prototxt"),
                "name: \"VGG_ILSVRC_19_layers\"\nlayers { name: \"conv1_1\" type: CONVOLUTION }\n"
                        .getBytes(StandardCharsets.US_ASCII)))).isEmpty();
    }
}
