package dev.nst.weights;

import static dev.nst.weights.KerasFixtures.expectedKernel;
import static dev.nst.weights.KerasFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.WeightsUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsRepositoryTest {

    private static final WeightsSpec VGG19 = WeightsSpec.parse("vgg19");

    @TempDir
    Path temp;
    private Path nstHome;
    private Path userHome;
    private WeightsRepository repository;

    @BeforeEach
    void homes() {
        nstHome = temp.resolve("nst-home");
        userHome = temp.resolve("user-home");
        repository = new WeightsRepository(nstHome, userHome);
    }

    @Test
    void vgg19IsTakenFromNstsCacheBeforeKerasCache() throws IOException {
        Path nstCopy = install("vgg19_old_names.h5", nstHome.resolve("weights"));
        install("vgg19_block1_only.h5", userHome.resolve(".keras/models"));

        Vgg19Weights weights = repository.load(VGG19, VggLayer.RELU4_2);

        assertThat(repository.defaultVgg19Location()).isEqualTo(nstCopy);
        assertThat(weights.convolutions()).hasSize(10);
        assertThat(weights.convolution(VggLayer.CONV4_2).kernel()).containsExactly(expectedKernel(10, 10, 10));
        assertThat(weights.source()).isEqualTo(WeightsRepository.VGG19_FILE + " (Keras HDF5)");
    }

    @Test
    void vgg19IsTakenFromKerasCacheWhenNstsCacheHasNone() throws IOException {
        install("vgg19_block1_only.h5", userHome.resolve(".keras/models"));

        Vgg19Weights weights = repository.load(VGG19, VggLayer.RELU1_2);

        assertThat(weights.convolution(VggLayer.CONV1_2).kernel()).containsExactly(expectedKernel(2, 4, 4));
    }

    @Test
    void missingVgg19SaysWhereItWasLookedForWhereToGetItAndHowToRunWithoutIt() {
        assertThatThrownBy(() -> repository.load(VGG19, VggLayer.RELU4_2))
                .isInstanceOf(WeightsUnavailableException.class)
                .hasMessageContaining(nstHome.resolve("weights").resolve(WeightsRepository.VGG19_FILE).toString())
                .hasMessageContaining(userHome.resolve(".keras/models/" + WeightsRepository.VGG19_FILE).toString())
                .hasMessageContaining("https://storage.googleapis.com/tensorflow/keras-applications/vgg19/"
                        + "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5")
                .hasMessageContaining("--weights random")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aCachedVgg19FileThatIsNotHdf5IsReportedByPath() throws IOException {
        Path cached = nstHome.resolve("weights").resolve(WeightsRepository.VGG19_FILE);
        Files.createDirectories(cached.getParent());
        Files.writeString(cached, "<html>Access denied</html>");

        assertThatThrownBy(() -> repository.load(VGG19, VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(cached + ": not a supported weights file (expected a Keras VGG19 HDF5 file)");
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> repository.load(new WeightsSpec.Named("vgg16"), VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'vgg16'")
                .hasMessageContaining("valid names are vgg19");
    }

    @Test
    void aFileIsReadWithTheKerasReaderWhateverItsName() throws IOException {
        Path file = Files.copy(fixture("vgg19_nested_names.h5"), temp.resolve("my-weights.bin"));

        Vgg19Weights weights = repository.load(new WeightsSpec.File(file), VggLayer.POOL1);

        assertThat(weights.convolutions()).hasSize(2);
        assertThat(weights.convolution(VggLayer.CONV1_1).kernel()).containsExactly(expectedKernel(1, 3, 4));
        assertThat(weights.source()).isEqualTo("my-weights.bin (Keras HDF5)");
    }

    @Test
    void aFileBehindAnHdf5UserBlockIsRead() {
        Vgg19Weights weights = repository.load(new WeightsSpec.File(fixture("vgg19_block1_user_block.h5")),
                VggLayer.RELU1_1);

        assertThat(weights.convolution(VggLayer.CONV1_1).kernel()).containsExactly(expectedKernel(1, 3, 4));
    }

    @Test
    void aMissingFileOrAFolderIsNamed() {
        Path missing = temp.resolve("nowhere.h5");

        assertThatThrownBy(() -> repository.load(new WeightsSpec.File(missing), VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(missing + ": no such weights file");
        assertThatThrownBy(() -> repository.load(new WeightsSpec.File(temp), VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(temp + ": is a folder, not a weights file");
    }

    @Test
    void aFileThatIsNotHdf5IsRejectedByItsContentNotItsName() throws IOException {
        Path file = Files.write(temp.resolve("vgg19.h5"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0});

        assertThatThrownBy(() -> repository.load(new WeightsSpec.File(file), VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": not a supported weights file (expected a Keras VGG19 HDF5 file)");
    }

    @Test
    void anHdf5FileThatIsNotVgg19IsRejectedByTheReader() {
        Path file = fixture("not_keras.h5");

        assertThatThrownBy(() -> repository.load(new WeightsSpec.File(file), VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": ");
    }

    @Test
    void randomWeightsUseTheSeedAndStopAtTheDeepestLayer() {
        Vgg19Weights weights = repository.load(new WeightsSpec.Random(OptionalLong.of(5)), VggLayer.RELU2_1);

        assertThat(weights.source()).isEqualTo("random:5");
        assertThat(weights.convolutions()).hasSize(3);
        assertThat(weights.convolution(VggLayer.CONV2_1).kernel())
                .isEqualTo(RandomVgg19Weights.generate(5, VggLayer.RELU2_1).convolution(VggLayer.CONV2_1).kernel());
    }

    @Test
    void randomWeightsWithoutASeedUseSeedZero() {
        Vgg19Weights weights = repository.load(new WeightsSpec.Random(OptionalLong.empty()), VggLayer.RELU1_1);

        assertThat(weights.source()).isEqualTo("random:0");
    }

    @Test
    void nstHomeComesFromNstHomeWhenSetElseFromTheUserCache() {
        Path home = temp.resolve("me");

        assertThat(WeightsRepository.fromEnvironment(Map.of("NST_HOME", "/opt/nst"), home).defaultVgg19Location())
                .isEqualTo(Path.of("/opt/nst/weights", WeightsRepository.VGG19_FILE));
        assertThat(WeightsRepository.fromEnvironment(Map.of("NST_HOME", "  "), home).defaultVgg19Location())
                .isEqualTo(home.resolve(".cache/nst/weights").resolve(WeightsRepository.VGG19_FILE));
        assertThat(WeightsRepository.fromEnvironment(Map.of(), home).vgg19Locations()).containsExactly(
                home.resolve(".cache/nst/weights").resolve(WeightsRepository.VGG19_FILE),
                home.resolve(".keras/models").resolve(WeightsRepository.VGG19_FILE));
    }

    private static Path install(String fixture, Path folder) throws IOException {
        Files.createDirectories(folder);
        return Files.copy(fixture(fixture), folder.resolve(WeightsRepository.VGG19_FILE));
    }
}
