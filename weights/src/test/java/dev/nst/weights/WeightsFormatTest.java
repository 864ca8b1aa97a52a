package dev.nst.weights;

import static dev.nst.weights.KerasFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.VggLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
            "torchvision_legacy_2017.pth, TORCH_LEGACY"})
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
}
