package dev.nst.weights;

import static dev.nst.weights.KerasFixtures.expectedKernel;
import static dev.nst.weights.KerasFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsCorruptException;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.WeightsUnavailableException;
import dev.nst.weights.testing.LocalServer;
import dev.nst.weights.testing.LocalServer.Behaviour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code vgg19} and {@code vgg19-torchvision} are found, converted once, and downloaded when nowhere at hand. */
class WeightsRepositoryTest {

    private static final WeightsSpec VGG19 = WeightsSpec.parse("vgg19");
    private static final WeightsSpec TORCHVISION = WeightsSpec.parse("vgg19-torchvision");
    private static final String KERAS_FIXTURE = "vgg19_old_names.h5";
    private static final String TORCH_FIXTURE = "torchvision_legacy_v1.pth";

    @TempDir
    Path temp;
    private Path nstHome;
    private Path userHome;
    private Path cacheFolder;
    private LocalServer server;
    private final List<String> notes = new ArrayList<>();
    private final List<DownloadProgress> downloads = new ArrayList<>();
    private final WeightsListener listener = new WeightsListener() {
        @Override
        public void note(String message) {
            notes.add(message);
        }

        @Override
        public void onDownload(DownloadProgress progress) {
            downloads.add(progress);
        }
    };

    @BeforeEach
    void homes() throws IOException {
        nstHome = temp.resolve("nst-home");
        userHome = temp.resolve("user-home");
        cacheFolder = nstHome.resolve("weights");
        server = new LocalServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void vgg19IsTakenFromNstsConvertedCacheFirst() throws IOException {
        new WeightsCache(cacheFolder).importFile(fixture(KERAS_FIXTURE), Optional.of("vgg19"));
        install(TORCH_FIXTURE, userHome.resolve(".cache/torch/hub/checkpoints"), "vgg19-dcbb9e9d.pth");

        Vgg19Weights weights = offline().load(VGG19, VggLayer.RELU4_2);

        assertThat(weights.convolutions()).hasSize(10);
        assertThat(weights.convolution(VggLayer.CONV4_2).kernel()).containsExactly(expectedKernel(10, 10, 10));
        assertThat(weights.preprocessing()).isEqualTo(Preprocessing.CAFFE_BGR);
        assertThat(weights.source()).isEqualTo("vgg19.safetensors (Keras HDF5, converted)");
        assertThat(notes).isEmpty();
    }

    @Test
    void aKerasFilePutInNstsCacheByHandIsConvertedOnFirstUseAndKept() throws IOException {
        Path byHand = install(KERAS_FIXTURE, cacheFolder, WeightsRepository.VGG19_FILE);
        WeightsRepository repository = offline();

        Vgg19Weights first = repository.load(VGG19, VggLayer.RELU1_1);
        Vgg19Weights second = repository.load(VGG19, VggLayer.RELU1_1);

        assertThat(repository.defaultVgg19Location()).isEqualTo(byHand);
        assertThat(first.convolution(VggLayer.CONV1_1).kernel()).containsExactly(expectedKernel(1, 3, 4));
        assertThat(second.source()).isEqualTo("vgg19.safetensors (Keras HDF5, converted)");
        assertThat(notes).hasSize(2).last().asString()
                .isEqualTo("converted " + byHand + " into the nst cache as " + cacheFolder.resolve("vgg19.safetensors")
                        + "; later runs load it from there");
        assertThat(byHand).exists();
        assertThat(repository.cache().find("vgg19")).get().satisfies(entry -> {
            assertThat(entry.source()).isEqualTo(byHand.toString());
            assertThat(entry.sourceFormat()).isEqualTo("Keras HDF5");
        });
    }

    @Test
    void kerasCacheIsConvertedOnceAndThenLeftAlone() throws IOException {
        Path keras = install(KERAS_FIXTURE, userHome.resolve(".keras/models"), WeightsRepository.VGG19_FILE);
        WeightsRepository repository = offline();

        repository.load(VGG19, VggLayer.RELU5_1);
        Files.delete(keras);
        Vgg19Weights again = repository.load(VGG19, VggLayer.RELU5_1);

        assertThat(again.convolutions()).hasSize(13);
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0)).startsWith(keras + " is not byte for byte the published "
                + WeightsRepository.VGG19_FILE + " (its md5 is ").endsWith("using it as it reads as VGG19 weights");
        assertThat(notes.get(1)).startsWith("converted " + keras + " into the nst cache");
    }

    @Test
    void vgg19FallsBackToTorchHubsFileWithItsOwnPreprocessing() throws IOException {
        Path hub = install(TORCH_FIXTURE, userHome.resolve(".cache/torch/hub/checkpoints"), "vgg19-dcbb9e9d.pth");

        Vgg19Weights weights = offline().load(VGG19, VggLayer.RELU1_1);

        assertThat(weights.preprocessing()).isEqualTo(Preprocessing.TORCHVISION_RGB);
        assertThat(weights.source()).isEqualTo("vgg19-torchvision.safetensors (PyTorch legacy checkpoint, converted)");
        assertThat(notes).anySatisfy(note -> assertThat(note).isEqualTo("vgg19: using the torchvision VGG19 weights ("
                + hub + "); loss weights not given take the defaults scaled for them"));
        assertThat(cacheFolder.resolve("vgg19-torchvision.safetensors")).exists();
    }

    @Test
    void kerasCacheComesBeforeTorchHub() throws IOException {
        install(KERAS_FIXTURE, userHome.resolve(".keras/models"), WeightsRepository.VGG19_FILE);
        install(TORCH_FIXTURE, userHome.resolve(".cache/torch/hub/checkpoints"), "vgg19-dcbb9e9d.pth");

        assertThat(offline().load(VGG19, VggLayer.RELU1_1).preprocessing()).isEqualTo(Preprocessing.CAFFE_BGR);
    }

    @Test
    void kerasHomeAndTorchHomeAreHonoured() throws IOException {
        Path torchHome = temp.resolve("torch");
        install(TORCH_FIXTURE, torchHome.resolve("hub/checkpoints"), "vgg19-dcbb9e9d.pth");
        WeightsRepository repository = new WeightsRepository(new WeightsPlaces(nstHome, userHome,
                Map.of("TORCH_HOME", torchHome.toString(), "KERAS_HOME", temp.resolve("keras").toString())),
                downloadsFrom(LocalServer.refusingBase(), Map.of()), listener);

        assertThat(repository.load(TORCHVISION, VggLayer.RELU1_1).preprocessing())
                .isEqualTo(Preprocessing.TORCHVISION_RGB);
        assertThat(repository.locations("vgg19")).contains(temp.resolve("keras/models")
                .resolve(WeightsRepository.VGG19_FILE));
    }

    @Test
    void vgg19TorchvisionNeverTakesTheKerasWeights() throws IOException {
        install(KERAS_FIXTURE, userHome.resolve(".keras/models"), WeightsRepository.VGG19_FILE);

        assertThatThrownBy(() -> offline().load(TORCHVISION, VggLayer.RELU1_1))
                .isInstanceOf(WeightsUnavailableException.class)
                .hasMessageStartingWith("The torchvision VGG19 weights were not found: looked for "
                        + cacheFolder.resolve("vgg19-torchvision.safetensors") + ", "
                        + cacheFolder.resolve("vgg19-dcbb9e9d.pth") + ", "
                        + userHome.resolve(".cache/torch/hub/checkpoints/vgg19-dcbb9e9d.pth") + ", and downloading ");
    }

    @Test
    void withNothingAtHandTheKerasFileIsDownloadedVerifiedConvertedAndTheOriginalDropped() throws IOException {
        byte[] published = Files.readAllBytes(fixture(KERAS_FIXTURE));
        server.serve(WeightsRepository.VGG19_FILE, published, Behaviour.RANGES);
        WeightsRepository repository = online(Map.of(PublishedWeights.VGG19, md5Of(published)));

        Vgg19Weights weights = repository.load(VGG19, VggLayer.RELU2_1);

        assertThat(weights.convolution(VggLayer.CONV2_1).kernel()).containsExactly(expectedKernel(3, 4, 6));
        CachedWeights entry = repository.cache().find("vgg19").orElseThrow();
        assertThat(entry.source()).isEqualTo(server.base() + WeightsRepository.VGG19_FILE);
        assertThat(entry.sourceDigests()).contains(DownloaderTest.digestsOf(published));
        assertThat(cacheFolder.resolve(WeightsRepository.VGG19_FILE)).doesNotExist();
        assertThat(cacheFolder.resolve(WeightsRepository.VGG19_FILE + ".part")).doesNotExist();
        assertThat(downloads).last().satisfies(p -> assertThat(p.done()).isTrue());
        assertThat(notes).first().isEqualTo("downloading vgg19 (80 MB) from " + server.base()
                + WeightsRepository.VGG19_FILE);
    }

    @Test
    void theTorchvisionFileIsDownloadedUnderItsPublishedName() throws IOException {
        byte[] published = Files.readAllBytes(fixture(TORCH_FIXTURE));
        server.serve("vgg19-dcbb9e9d.pth", published, Behaviour.RANGES);
        WeightsRepository repository = online(Map.of(PublishedWeights.VGG19_TORCHVISION,
                new Checksum(Checksum.Algorithm.SHA256, DownloaderTest.digestsOf(published).sha256().substring(0, 8))));

        WeightsRepository.Fetched fetched = repository.fetch("vgg19-torchvision", Optional.empty());

        assertThat(fetched.origin()).isEqualTo(WeightsRepository.Origin.DOWNLOADED);
        assertThat(fetched.from()).isEqualTo(server.base() + "vgg19-dcbb9e9d.pth");
        assertThat(fetched.weights().preprocessing()).isEqualTo("torchvision-rgb");
        assertThat(repository.load(TORCHVISION, VggLayer.RELU1_1).preprocessing())
                .isEqualTo(Preprocessing.TORCHVISION_RGB);
    }

    @Test
    void unreachableWeightsSayWhereTheyWereLookedForWhatFailedAndHowToPlaceThemByHand() throws IOException {
        String mirror = LocalServer.refusingBase();
        WeightsRepository repository = new WeightsRepository(new WeightsPlaces(nstHome, userHome, Map.of()),
                downloadsFrom(mirror, Map.of()), listener);

        assertThatThrownBy(() -> repository.load(VGG19, VggLayer.RELU4_2))
                .isInstanceOf(WeightsUnavailableException.class)
                .hasMessageStartingWith("The VGG19 weights were not found: looked for "
                        + cacheFolder.resolve("vgg19.safetensors") + ", "
                        + cacheFolder.resolve("vgg19-torchvision.safetensors") + ", "
                        + cacheFolder.resolve(WeightsRepository.VGG19_FILE) + ", "
                        + userHome.resolve(".keras/models").resolve(WeightsRepository.VGG19_FILE) + ", "
                        + cacheFolder.resolve("vgg19-dcbb9e9d.pth") + ", "
                        + userHome.resolve(".cache/torch/hub/checkpoints/vgg19-dcbb9e9d.pth") + ", and downloading "
                        + mirror + WeightsRepository.VGG19_FILE + " failed: cannot connect")
                .hasMessageContaining("Download " + WeightsRepository.VGG19_URL + " (80 MB) yourself and put it in "
                        + cacheFolder + "/ (set NST_HOME to use another folder), or run 'nst weights fetch vgg19' when"
                        + " online (set NST_WEIGHTS_URL to use a mirror).")
                .hasMessageEndingWith("(set NST_WEIGHTS_URL to use a mirror).")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("--")
                .satisfies(e -> assertThat(((WeightsUnavailableException) e).hints())
                        .containsExactly(Hint.useRandomWeights()));
    }

    @Test
    void anInterruptedDownloadSaysThatItWillResume() throws IOException {
        byte[] published = Files.readAllBytes(fixture(KERAS_FIXTURE));
        server.serve(WeightsRepository.VGG19_FILE, published, Behaviour.DROP_HALF_ONCE);
        WeightsRepository repository = online(Map.of(PublishedWeights.VGG19, md5Of(published)));
        Path part = cacheFolder.resolve(WeightsRepository.VGG19_FILE + ".part");

        assertThatThrownBy(() -> repository.fetch("vgg19", Optional.empty()))
                .isInstanceOf(WeightsUnavailableException.class)
                .hasMessageStartingWith("cannot download vgg19: fetching " + server.base()
                        + WeightsRepository.VGG19_FILE + " failed: the connection broke after ")
                .hasMessageContaining(" bytes received are kept in " + part + " and the download resumes from there"
                        + " next time.");

        assertThat(repository.fetch("vgg19", Optional.empty()).origin()).isEqualTo(WeightsRepository.Origin.DOWNLOADED);
        assertThat(server.requests().get(1).range()).startsWith("bytes=");
    }

    @Test
    void aDownloadWithTheWrongChecksumIsRefusedAndNothingIsCached() throws IOException {
        server.serve(WeightsRepository.VGG19_FILE, Files.readAllBytes(fixture(KERAS_FIXTURE)), Behaviour.RANGES);
        WeightsRepository repository = online(Map.of());

        assertThatThrownBy(() -> repository.load(VGG19, VggLayer.RELU1_1))
                .isInstanceOf(WeightsCorruptException.class)
                .hasMessageContaining("but the published file has md5:253f8cb515780f3b799900260a226db6");
        assertThat(repository.cache().list()).isEmpty();
        assertThat(cacheFolder.resolve(WeightsRepository.VGG19_FILE)).doesNotExist();
    }

    @Test
    void fetchSaysWhatItDid() throws IOException {
        byte[] published = Files.readAllBytes(fixture(KERAS_FIXTURE));
        server.serve(WeightsRepository.VGG19_FILE, published, Behaviour.RANGES);
        Path keras = install(KERAS_FIXTURE, userHome.resolve(".keras/models"), WeightsRepository.VGG19_FILE);
        WeightsRepository repository = online(Map.of());

        WeightsRepository.Fetched imported = repository.fetch("vgg19", Optional.empty());
        WeightsRepository.Fetched again = repository.fetch("VGG19", Optional.empty());

        assertThat(imported.origin()).isEqualTo(WeightsRepository.Origin.IMPORTED);
        assertThat(imported.from()).isEqualTo(keras.toString());
        assertThat(again.origin()).isEqualTo(WeightsRepository.Origin.ALREADY_CACHED);
        assertThat(again.weights().file()).isEqualTo(cacheFolder.resolve("vgg19.safetensors"));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aGivenChecksumReplacesThePublishedOneAndSkipsFilesAtHand() throws IOException {
        byte[] build = Files.readAllBytes(fixture(KERAS_FIXTURE));
        server.serve(WeightsRepository.VGG19_FILE, build, Behaviour.RANGES);
        install("vgg19_nested_names.h5", userHome.resolve(".keras/models"), WeightsRepository.VGG19_FILE);
        WeightsRepository repository = online(Map.of());

        WeightsRepository.Fetched fetched = repository.fetch("vgg19", Optional.of(md5Of(build)));

        assertThat(fetched.origin()).isEqualTo(WeightsRepository.Origin.DOWNLOADED);
        assertThat(fetched.weights().sourceDigests()).contains(DownloaderTest.digestsOf(build));
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> offline().load(new WeightsSpec.Named("vgg16"), VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown weights 'vgg16'; valid names are vgg19, vgg19-torchvision (or use random[:SEED],"
                        + " or the path of a weights file)");
        assertThatThrownBy(() -> offline().fetch("resnet50", Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("unknown weights 'resnet50'");
    }

    @Test
    void aFileIsReadInWhateverFormatItIsWhateverItsName() throws IOException {
        Path keras = Files.copy(fixture("vgg19_nested_names.h5"), temp.resolve("my-weights.bin"));
        Path torch = Files.copy(fixture("torchvision_zip.pth"), temp.resolve("my-weights.h5"));

        Vgg19Weights fromKeras = offline().load(new WeightsSpec.File(keras), VggLayer.POOL1);
        Vgg19Weights fromTorch = offline().load(new WeightsSpec.File(torch), VggLayer.POOL1);

        assertThat(fromKeras.convolution(VggLayer.CONV1_1).kernel()).containsExactly(expectedKernel(1, 3, 4));
        assertThat(fromKeras.source()).isEqualTo("my-weights.bin (Keras HDF5)");
        assertThat(fromTorch.convolution(VggLayer.CONV1_1).kernel()).containsExactly(expectedKernel(1, 3, 4));
        assertThat(fromTorch.source()).isEqualTo("my-weights.h5 (PyTorch zip checkpoint)");
    }

    @Test
    void aFileThatIsNoWeightsIsRejectedByItsContentNaming() throws IOException {
        Path file = Files.write(temp.resolve("vgg19.h5"), new byte[] {'<', 'h', 't', 'm', 'l', '>', 0, 0, 0, 0});
        Path missing = temp.resolve("nowhere.h5");

        assertThatThrownBy(() -> offline().load(new WeightsSpec.File(file), VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": not a supported weights file (expected Keras HDF5, a PyTorch checkpoint, a Caffe"
                        + " model or nst safetensors)");
        assertThatThrownBy(() -> offline().load(new WeightsSpec.File(missing), VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(missing + ": no such weights file");
        assertThatThrownBy(() -> offline().load(new WeightsSpec.File(temp), VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(temp + ": is a folder, not a weights file");
    }

    @Test
    void aBrokenFileAtHandIsReportedByPath() throws IOException {
        Path byHand = cacheFolder.resolve(WeightsRepository.VGG19_FILE);
        Files.createDirectories(cacheFolder);
        Files.writeString(byHand, "<html>Access denied</html>");

        assertThatThrownBy(() -> offline().load(VGG19, VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(byHand + ": not a supported weights file");
    }

    @Test
    void randomWeightsUseTheSeedAndStopAtTheDeepestLayer() {
        Vgg19Weights weights = offline().load(new WeightsSpec.Random(OptionalLong.of(5)), VggLayer.RELU2_1);

        assertThat(weights.source()).isEqualTo("random:5");
        assertThat(weights.convolutions()).hasSize(3);
        assertThat(offline().load(new WeightsSpec.Random(OptionalLong.empty()), VggLayer.RELU1_1).source())
                .isEqualTo("random:0");
    }

    @Test
    void nstHomeComesFromNstHomeWhenSetElseFromTheUserCache() {
        Path home = temp.resolve("me");

        assertThat(WeightsRepository.fromEnvironment(Map.of("NST_HOME", "/opt/nst"), home).defaultVgg19Location())
                .isEqualTo(Path.of("/opt/nst/weights", WeightsRepository.VGG19_FILE));
        assertThat(WeightsRepository.fromEnvironment(Map.of("NST_HOME", "  "), home).cache().folder())
                .isEqualTo(home.resolve(".cache/nst/weights"));
    }

    @Test
    void theMirrorComesFromThePropertyElseTheVariableElseTheCanonicalUrl() {
        Properties properties = new Properties();
        Map<String, String> variable = Map.of("NST_WEIGHTS_URL", "https://variable.example/vgg");

        assertThat(repository(Map.of(), properties).urlOf(PublishedWeights.VGG19).toString())
                .isEqualTo(WeightsRepository.VGG19_URL);
        assertThat(repository(variable, properties).urlOf(PublishedWeights.VGG19).toString())
                .isEqualTo("https://variable.example/vgg/" + WeightsRepository.VGG19_FILE);
        properties.setProperty("nst.weights.url", "http://property.example/");
        assertThat(repository(variable, properties).urlOf(PublishedWeights.VGG19_TORCHVISION).toString())
                .isEqualTo("http://property.example/vgg19-dcbb9e9d.pth");
        assertThat(PublishedWeights.VGG19_TORCHVISION.url().toString())
                .isEqualTo("https://download.pytorch.org/models/vgg19-dcbb9e9d.pth");
    }

    @Test
    void aMirrorThatIsNoUrlIsBadInput() {
        assertThatThrownBy(() -> repository(Map.of("NST_WEIGHTS_URL", "weights.example.com"), new Properties())
                .urlOf(PublishedWeights.VGG19))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the weights mirror 'weights.example.com' (NST_WEIGHTS_URL or -Dnst.weights.url) is not an"
                        + " http or https URL");
    }

    private WeightsRepository repository(Map<String, String> environment, Properties properties) {
        return WeightsRepository.fromEnvironment(environment, userHome, properties, listener);
    }

    /** Downloads are refused at once: only files at hand can be used. */
    private WeightsRepository offline() {
        try {
            return new WeightsRepository(new WeightsPlaces(nstHome, userHome, Map.of()),
                    downloadsFrom(LocalServer.refusingBase(), Map.of()), listener);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Downloads from the local server, checking the given checksums instead of the published ones. */
    private WeightsRepository online(Map<PublishedWeights, Checksum> checksums) {
        return new WeightsRepository(new WeightsPlaces(nstHome, userHome, Map.of()),
                downloadsFrom(server.base(), checksums), listener);
    }

    private static Downloads downloadsFrom(String mirror, Map<PublishedWeights, Checksum> checksums) {
        return new Downloads(Optional.of(mirror), new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5)), checksums);
    }

    private static Checksum md5Of(byte[] bytes) throws IOException {
        return new Checksum(Checksum.Algorithm.MD5, DownloaderTest.digestsOf(bytes).md5());
    }

    private static Path install(String fixture, Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        return Files.copy(fixture(fixture), folder.resolve(name));
    }
}
