package dev.nst.weights;

import static dev.nst.weights.KerasFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PyTorch checkpoints written by {@code make_torch_fixtures.py}, in both of torch.save's layouts. */
class TorchvisionVgg19ReaderTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "torchvision_zip.pth, TORCH_ZIP, PyTorch zip checkpoint",
            "torchvision_legacy.pth, TORCH_LEGACY, PyTorch legacy checkpoint",
            "torchvision_legacy_v1.pth, TORCH_LEGACY, PyTorch legacy checkpoint",
            "torchvision_legacy_2017.pth, TORCH_LEGACY, PyTorch legacy checkpoint"})
    void readsEveryConvolutionExactlyWhateverTheLayoutOffsetsAndStrides(String name, WeightsFormat format,
                                                                       String description) {
        Vgg19Weights weights = new TorchvisionVgg19Reader(fixture(name), format).read(VggLayer.POOL5);

        // features.0.bias is a slice at offset 3 of a longer storage, features.2.weight a transposed view
        KerasFixtures.assertAllSixteenConvolutionsExact(weights);
        assertThat(weights.preprocessing()).isEqualTo(Preprocessing.TORCHVISION_RGB);
        assertThat(weights.source()).isEqualTo(name + " (" + description + ")");
    }

    @ParameterizedTest
    @CsvSource({"relu1_1, 1", "pool1, 2", "relu3_1, 5", "relu4_2, 10", "pool5, 16"})
    void readsOnlyTheConvolutionsTheDeepestLayerNeeds(String deepest, int convolutions) {
        Vgg19Weights weights = new TorchvisionVgg19Reader(fixture("torchvision_legacy.pth"), WeightsFormat.TORCH_LEGACY)
                .read(VggLayer.parse(deepest));

        assertThat(weights.convolutions()).extracting(ConvWeights::layer)
                .containsExactlyElementsOf(VggLayer.convolutions().subList(0, convolutions));
    }

    @Test
    void namesTorchvisionsFeatureIndices() {
        assertThat(TorchvisionVgg19Reader.key(VggLayer.CONV1_1, "weight")).isEqualTo("features.0.weight");
        assertThat(TorchvisionVgg19Reader.key(VggLayer.CONV2_1, "bias")).isEqualTo("features.5.bias");
        assertThat(TorchvisionVgg19Reader.key(VggLayer.CONV4_2, "weight")).isEqualTo("features.21.weight");
        assertThat(TorchvisionVgg19Reader.key(VggLayer.CONV5_4, "weight")).isEqualTo("features.34.weight");
    }

    @Test
    void refusesWeightsThatAreNotFloat32() {
        Path file = fixture("torchvision_float64.pth");

        assertThatThrownBy(() -> new TorchvisionVgg19Reader(file, WeightsFormat.TORCH_ZIP).read(VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": features.0.weight holds float64 values (torch.DoubleStorage); only float32 is"
                        + " supported");
    }

    @Test
    void aFileWithFewerLayersIsEnoughForShallowLayersButNotForDeeperOnes() {
        Path file = fixture("torchvision_float64.pth");

        assertThatThrownBy(() -> new TorchvisionVgg19Reader(file, WeightsFormat.TORCH_ZIP).read(VggLayer.RELU2_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("only float32");
        assertThat(file).exists();
    }

    @Test
    void refusesAStateDictOfAnotherNetworkListingWhatItHolds() {
        Path file = fixture("not_vgg.pth");

        assertThatThrownBy(() -> new TorchvisionVgg19Reader(file, WeightsFormat.TORCH_ZIP).read(VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": holds no torchvision VGG19 convolutions (no features.0.weight; its tensors are"
                        + " conv1.weight, fc.weight, fc.bias)");
    }

    @Test
    void refusesAPickledModelInsteadOfAStateDict() throws IOException {
        // torch.save(model) pickles the model's class: GLOBAL 'torchvision.models.vgg VGG', EMPTY_TUPLE, NEWOBJ, STOP
        byte[] pickle = concat(new byte[] {(byte) 0x80, 2, 'c'},
                "torchvision.models.vgg\nVGG\n".getBytes(StandardCharsets.US_ASCII), new byte[] {')', (byte) 0x81, '.'});
        Path file = zip("model.pth", "archive/data.pkl", pickle);

        assertThatThrownBy(() -> new TorchvisionVgg19Reader(file, WeightsFormat.TORCH_ZIP).read(VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": holds a pickled torchvision.models.vgg.VGG, not just tensors; save the weights"
                        + " with torch.save(model.state_dict(), file)");
    }

    @Test
    void refusesAZipThatIsNotACheckpoint() throws IOException {
        Path file = zip("photos.zip", "readme.txt", "hello".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> new TorchvisionVgg19Reader(file, WeightsFormat.TORCH_ZIP).read(VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": is a zip file but not a PyTorch checkpoint (it has no data.pkl)");
    }

    @ParameterizedTest(name = "{0} cut to {1}%")
    @CsvSource({
            "torchvision_zip.pth, TORCH_ZIP, 60", "torchvision_zip.pth, TORCH_ZIP, 99",
            "torchvision_legacy.pth, TORCH_LEGACY, 2", "torchvision_legacy.pth, TORCH_LEGACY, 60",
            "torchvision_legacy.pth, TORCH_LEGACY, 99", "torchvision_legacy_v1.pth, TORCH_LEGACY, 80",
            "torchvision_legacy_2017.pth, TORCH_LEGACY, 30"})
    void rejectsATruncatedFileNamingIt(String name, WeightsFormat format, int percent) throws IOException {
        byte[] whole = Files.readAllBytes(fixture(name));
        Path file = Files.write(temp.resolve("cut-" + name), Arrays.copyOf(whole, whole.length * percent / 100));

        assertThatThrownBy(() -> new TorchvisionVgg19Reader(file, format).read(VggLayer.POOL5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({"torchvision_legacy.pth, 20", "torchvision_legacy.pth, 200", "torchvision_legacy.pth, 900",
            "torchvision_legacy_v1.pth, 150"})
    void rejectsACorruptPickleNamingIt(String name, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(fixture(name));
        for (int k = offset; k < offset + 40; k++) {
            bytes[k] = (byte) (k * 37 + 0xA5);
        }
        Path file = Files.write(temp.resolve("corrupt-" + name), bytes);

        assertThatThrownBy(() -> new TorchvisionVgg19Reader(file, WeightsFormat.TORCH_LEGACY).read(VggLayer.POOL5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageNotContaining("\n");
    }

    private Path zip(String name, String entry, byte[] content) throws IOException {
        Path file = temp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
        return file;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
