package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.weights.testing.LocalServer;
import dev.nst.weights.testing.LocalServer.Behaviour;
import dev.nst.weights.testing.WeightsFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nst weights fetch|list|verify|import|info} through {@link Main#run}, downloads from a local server. */
class WeightsCommandTest {

    private static final String KERAS_FILE = "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5";
    private static final String TORCH_FILE = "vgg19-dcbb9e9d.pth";

    @TempDir
    Path dir;
    private Path home;
    private Path cache;
    private LocalServer server;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectory(dir.resolve("home"));
        cache = home.resolve(".cache/nst/weights");
        server = new LocalServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void fetchDownloadsFromTheMirrorChecksTheChecksumAndSaysWhatItDid() {
        byte[] file = WeightsFixtures.bytes("vgg19_old_names.h5");
        server.serve(KERAS_FILE, file, Behaviour.RANGES);

        CliRunner.Result result = run("weights", "fetch", "--checksum", "md5:" + hex("MD5", file)).assertNoTrace();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly("vgg19: downloaded from " + server.base() + KERAS_FILE + ": "
                + cache.resolve("vgg19.safetensors") + " (49 KB, caffe-bgr)");
        assertThat(result.errLines()).first().isEqualTo("note: downloading vgg19 (80 MB) from " + server.base()
                + KERAS_FILE);
        assertThat(result.err()).contains("downloaded 0.1 of 0.1 MB (100%)");
        assertThat(cache.resolve(KERAS_FILE)).doesNotExist();

        CliRunner.Result again = run("weights", "fetch", "vgg19");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("vgg19: already in the nst cache: " + cache.resolve("vgg19.safetensors"));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void bytesThatAreNotThePublishedFileAreRefusedNamingTheUrlAndBothChecksums() {
        byte[] file = WeightsFixtures.bytes("vgg19_old_names.h5");
        server.serve(KERAS_FILE, file, Behaviour.RANGES);

        CliRunner.Result result = run("weights", "fetch").assertNoTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).last().asString()
                .startsWith("error: " + server.base() + KERAS_FILE + ": the downloaded file has md5 " + hex("MD5", file)
                        + " but the published file has md5:253f8cb515780f3b799900260a226db6; it was deleted.");
        assertThat(result.out()).isEmpty();
        assertThat(cache.resolve(KERAS_FILE + ".part")).doesNotExist();
        assertThat(run("weights", "list").out()).startsWith("no weights in " + cache);
    }

    @Test
    void offlineTheMessageSaysWhatFailedTheUrlAndWhereToPutTheFileByHand() throws IOException {
        String mirror = LocalServer.refusingBase();

        CliRunner.Result result = CliRunner.run(CliRunner.environment(home, false, "NST_WEIGHTS_URL", mirror),
                "weights", "fetch", "vgg19-torchvision").assertNoTrace();

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.errLines()).last().asString()
                .startsWith("error: cannot download vgg19-torchvision: fetching " + mirror + TORCH_FILE
                        + " failed: cannot connect")
                .contains("Download https://download.pytorch.org/models/vgg19-dcbb9e9d.pth (575 MB) yourself and put"
                        + " it in " + cache + "/")
                .contains("'nst weights fetch vgg19-torchvision'");
    }

    @Test
    void fetchConvertsWhatKerasAlreadyDownloadedInsteadOfDownloadingAgain() {
        Path keras = WeightsFixtures.copy("vgg19_old_names.h5", home.resolve(".keras/models"), KERAS_FILE);

        CliRunner.Result result = run("weights", "fetch");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("vgg19: converted from " + keras + ": ");
        assertThat(result.err()).contains("note: converted " + keras + " into the nst cache");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void afterFetchTheTransferUsesTheCachedWeightsWithoutDownloading() throws IOException {
        byte[] file = WeightsFixtures.bytes("torchvision_features.pth");
        server.serve(TORCH_FILE, file, Behaviour.RANGES);
        TestImages.png(dir, "content.png", 32, 24, 1);
        TestImages.png(dir, "style.png", 24, 24, 2);

        CliRunner.Result fetch = run("weights", "fetch", "vgg19-torchvision", "--checksum",
                "sha256:" + hex("SHA-256", file));
        CliRunner.Result transfer = run("transfer", "--content", dir.resolve("content.png").toString(), "--style",
                dir.resolve("style.png").toString(), "--output", dir.resolve("out.png").toString(), "--size", "32",
                "--iterations", "2", "--backend", "cpu").assertNoTrace();

        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        assertThat(transfer.exitCode()).as(transfer.err()).isZero();
        assertThat(transfer.errLines()).containsExactly("note: vgg19: using the torchvision VGG19 weights ("
                + cache.resolve("vgg19-torchvision.safetensors") + "); loss weights not given take the defaults scaled"
                + " for them");
        assertThat(dir.resolve("out.png")).exists();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void importListAndVerify() throws IOException {
        Path file = WeightsFixtures.copy("torchvision_legacy_v1.pth", dir, "my weights.pth");

        CliRunner.Result imported = run("weights", "import", file.toString()).assertNoTrace();
        CliRunner.Result list = run("weights", "list").assertNoTrace();
        CliRunner.Result verify = run("weights", "verify").assertNoTrace();

        assertThat(imported.exitCode()).isZero();
        assertThat(imported.out()).startsWith("imported " + file + " (PyTorch legacy checkpoint) as my-weights: "
                + cache.resolve("my-weights.safetensors"));
        String sha256 = hex("SHA-256", Files.readAllBytes(cache.resolve("my-weights.safetensors")));
        assertThat(list.outLines()).containsExactly(
                "my-weights      49 KB  torchvision-rgb  sha256:" + sha256 + "  from " + file.toAbsolutePath()
                        + " (PyTorch legacy checkpoint, md5:" + hex("MD5", Files.readAllBytes(file)) + ")",
                "in " + cache);
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.outLines()).containsExactly("ok          my-weights");
    }

    @Test
    void verifyFailsNamingAFileThatChanged() throws IOException {
        run("weights", "import", WeightsFixtures.copy("vgg19_old_names.h5", dir, "keras.h5").toString());
        Path converted = cache.resolve("keras.safetensors");
        byte[] bytes = Files.readAllBytes(converted);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(converted, bytes);

        CliRunner.Result result = run("weights", "verify").assertNoTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.outLines()).singleElement().asString()
                .startsWith("CHANGED     keras: " + converted + " has sha256 " + hex("SHA-256", bytes) + ", recorded ");
        assertThat(result.errLines()).containsExactly("error: 1 cached weights file(s) changed since they were"
                + " recorded: keras; delete them from " + cache + " and fetch or import them again");
    }

    @Test
    void infoDescribesAFile() {
        Path file = WeightsFixtures.copy("torchvision_zip.pth", dir, "weights.pth");

        CliRunner.Result result = run("weights", "info", file.toString()).assertNoTrace();

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).contains(
                "file:           " + file,
                "format:         PyTorch zip checkpoint",
                "published:      no (not byte for byte a published file)",
                "preprocessing:  torchvision-rgb: RGB, samples x 0.00392157, mean 0.485, 0.456, 0.406, std 0.229,"
                        + " 0.224, 0.225",
                "loss weights:   content 1.661e+04, style 1.103e+09, tv 3.321 (the defaults for this input scale)",
                "parameters:     11,480 in 16 convolutions",
                "  conv1_1  4 x 3 x 3 x 3, bias 4",
                "  conv5_4  12 x 12 x 3 x 3, bias 12");
        assertThat(result.outLines()).anySatisfy(line -> assertThat(line).matches("sha256: {9}[0-9a-f]{64}"));
    }

    @Test
    void numbersAreShownWithFourSignificantDigits() {
        assertThat(WeightsInfoCommand.compact(5)).isEqualTo("5");
        assertThat(WeightsInfoCommand.compact(100)).isEqualTo("100");
        assertThat(WeightsInfoCommand.compact(1e-3)).isEqualTo("0.001");
        assertThat(WeightsInfoCommand.compact(123.68)).isEqualTo("123.7");
        assertThat(WeightsInfoCommand.compact(3.3212169)).isEqualTo("3.321");
        assertThat(WeightsInfoCommand.compact(1.1030481e9)).isEqualTo("1.103e+09");
    }

    @Test
    void aFileThatIsNotWeightsIsBadInputNamingIt() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not weights");
        byte[] whole = WeightsFixtures.bytes("torchvision_legacy.pth");
        Path truncated = Files.write(dir.resolve("cut.pth"), java.util.Arrays.copyOf(whole, whole.length / 3));

        CliRunner.Result info = run("weights", "info", notes.toString()).assertNoTrace();
        CliRunner.Result imported = run("weights", "import", truncated.toString()).assertNoTrace();

        assertThat(info.exitCode()).isEqualTo(2);
        assertThat(info.errLines()).containsExactly("error: " + notes + ": not a supported weights file (expected Keras"
                + " HDF5, a PyTorch checkpoint, a Caffe model or nst safetensors)");
        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.errLines()).singleElement().asString().startsWith("error: " + truncated + ": ");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("weights").errLines().get(0))
                .isEqualTo("error: missing command: use fetch, list, verify, import or info");
        assertThat(run("weights").exitCode()).isEqualTo(2);
        CliRunner.Result unknown = run("weights", "fetch", "vgg16");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()).containsExactly("error: unknown weights 'vgg16'; valid names are vgg19,"
                + " vgg19-torchvision (or use random[:SEED], or the path of a weights file)");
        CliRunner.Result checksum = run("weights", "fetch", "--checksum", "crc:123");
        assertThat(checksum.exitCode()).isEqualTo(2);
        assertThat(checksum.errLines().get(0)).contains("--checksum").contains("md5:HEX or sha256:HEX");
    }

    private CliRunner.Result run(String... args) {
        return CliRunner.run(CliRunner.environment(home, false, "NST_WEIGHTS_URL", server.base()), args);
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
