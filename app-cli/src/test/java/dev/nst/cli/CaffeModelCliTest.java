package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.weights.testing.WeightsFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caffe models through {@link Main#run}: {@code nst weights info|import} and {@code nst transfer --weights FILE}. */
class CaffeModelCliTest {

    @TempDir
    Path dir;
    private Path home;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectory(dir.resolve("home"));
    }

    @Test
    void infoDescribesACaffeModel() {
        Path file = WeightsFixtures.copy("vgg19_caffe_v2.caffemodel", dir, "vgg_normalised.caffemodel");

        CliRunner.Result result = run("weights", "info", file.toString()).assertNoTrace();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).contains(
                "file:           " + file,
                "format:         Caffe model",
                "published:      no (not byte for byte a published file)",
                "preprocessing:  caffe-bgr: BGR, samples x 1, mean 103.939, 116.779, 123.68, std 1, 1, 1",
                "loss weights:   content 5, style 100, tv 0.001 (the defaults for this input scale)",
                "parameters:     11,480 in 16 convolutions",
                "  conv1_1  4 x 3 x 3 x 3, bias 4",
                "  conv5_4  12 x 12 x 3 x 3, bias 12");
    }

    @Test
    void importConvertsALegacyCaffeModelIntoTheCacheNamedAfterTheFile() {
        Path file = WeightsFixtures.copy("vgg19_caffe_v1.caffemodel", dir, "VGG_ILSVRC_19_layers.caffemodel");
        Path cached = home.resolve(".cache/nst/weights/VGG_ILSVRC_19_layers.safetensors");

        CliRunner.Result imported = run("weights", "import", file.toString()).assertNoTrace();
        CliRunner.Result list = run("weights", "list").assertNoTrace();

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.outLines()).singleElement().asString()
                .startsWith("imported " + file + " (Caffe model) as VGG_ILSVRC_19_layers: " + cached + " (")
                .endsWith(", caffe-bgr)");
        assertThat(list.out()).contains("VGG_ILSVRC_19_layers").contains("caffe-bgr").contains("(Caffe model, md5:");
    }

    @Test
    void transfersWithACaffeModelGivenAsWeightsAndWithItsConvertedCopy() {
        Path model = WeightsFixtures.copy("vgg19_caffe_random.caffemodel", dir, "model.caffemodel");
        run("weights", "import", model.toString(), "--name", "vgg19-caffe");
        Path converted = home.resolve(".cache/nst/weights/vgg19-caffe.safetensors");

        CliRunner.Result direct = transfer("direct.png", model);
        CliRunner.Result cached = transfer("cached.png", converted);

        assertThat(direct.exitCode()).as(direct.err()).isZero();
        assertThat(direct.err()).isEmpty();
        assertThat(dir.resolve("direct.png")).exists();
        assertThat(cached.exitCode()).as(cached.err()).isZero();
        assertThat(dir.resolve("cached.png")).exists();
    }

    @Test
    void aTruncatedCaffeModelIsBadInputNamingIt() throws IOException {
        byte[] whole = WeightsFixtures.bytes("vgg19_caffe_v2.caffemodel");
        Path cut = Files.write(dir.resolve("cut.caffemodel"), Arrays.copyOf(whole, whole.length / 2));

        CliRunner.Result result = transfer("out.png", cut).assertNoTrace();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("error: " + cut + ": is truncated: it ends at byte " + whole.length / 2 + ", inside");
        assertThat(dir.resolve("out.png")).doesNotExist();
    }

    private CliRunner.Result transfer(String output, Path weights) {
        Path content = TestImages.png(dir, "content.png", 32, 24, 1);
        Path style = TestImages.png(dir, "style.png", 24, 24, 2);
        return run("transfer", "--content", content.toString(), "--style", style.toString(), "--output",
                dir.resolve(output).toString(), "--size", "32", "--iterations", "2", "--backend", "cpu", "--weights",
                weights.toString());
    }

    private CliRunner.Result run(String... args) {
        return CliRunner.run(CliRunner.environment(home, false), args);
    }
}
