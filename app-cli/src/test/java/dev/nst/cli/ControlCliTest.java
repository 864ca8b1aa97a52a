package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.color.Yuv;
import dev.nst.core.image.ImageFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Colours, masks and layer weights through {@code nst transfer}. */
class ControlCliTest {

    @TempDir
    Path dir;
    private Path home;
    private Path content;
    private Path style;
    private Path secondStyle;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectory(dir.resolve("home"));
        content = TestImages.png(dir, "content.png", 24, 16, 1);
        style = TestImages.png(dir, "style.png", 20, 20, 2);
        secondStyle = TestImages.png(dir, "second.png", 20, 20, 3);
    }

    /**
     * A few Adam steps on shallow layers, random weights, the CPU; {@code more} adds options in pairs (a
     * {@code --style} or {@code --style-mask} adds one more, others replace the default; a null value is a flag).
     */
    private CliRunner.Result transfer(String... more) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        options.put("--content", List.of(content.toString()));
        options.put("--style", List.of(style.toString()));
        options.put("--output", List.of(dir.resolve("out.png").toString()));
        options.put("--size", List.of("24"));
        options.put("--iterations", List.of("3"));
        options.put("--optimizer", List.of("adam"));
        options.put("--content-layers", List.of("relu2_1"));
        options.put("--style-layers", List.of("relu1_1,relu2_1"));
        options.put("--weights", List.of("random:1"));
        options.put("--backend", List.of("cpu"));
        options.put("--print-every", List.of("0"));
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                flags.add(more[i]);
            } else if (more[i].equals("--style") || more[i].equals("--style-mask")) {
                List<String> values = new ArrayList<>(options.getOrDefault(more[i], List.of()));
                values.add(more[i + 1]);
                options.put(more[i], values);
            } else {
                options.put(more[i], List.of(more[i + 1]));
            }
        }
        List<String> args = new ArrayList<>(List.of("transfer"));
        options.forEach((option, values) -> values.forEach(value -> {
            args.add(option);
            args.add(value);
        }));
        args.addAll(flags);
        return CliRunner.run(CliRunner.environment(home, false), args.toArray(String[]::new)).assertNoTrace();
    }

    private Path mask(String name, int width, int height, boolean leftWhite) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean left = x < width / 2;
                image.getRaster().setSample(x, y, 0, left == leftWhite ? 255 : 0);
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"original", "luminance"})
    void theResultKeepsTheContentsChrominanceWithinOneLevel(String colors) {
        CliRunner.Result result = transfer("--colors", colors, "--save-every", "1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        RgbImage photo = ImageFiles.read(content);
        assertChrominanceWithinOneLevel(ImageFiles.read(dir.resolve("out.png")), photo);
        assertChrominanceWithinOneLevel(ImageFiles.read(dir.resolve("out_1.png")), photo);
        assertThat(ImageFiles.info(dir.resolve("out.png")).text().get("Description")).contains("--colors " + colors);
    }

    @Test
    void histogramMatchingRuns() {
        CliRunner.Result result = transfer("--colors", "histogram");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.exists(dir.resolve("out.png"))).isTrue();
    }

    @Test
    void masksAndLayerWeightsRunAndAreRecordedInTheResult() throws IOException {
        Path left = mask("left.png", 12, 8, true);
        Path right = mask("right.png", 50, 30, false);

        CliRunner.Result result = transfer("--style", secondStyle.toString(), "--style-mask", left.toString(),
                "--style-mask", right.toString(), "--content-mask", left.toString(), "--style-layer-weights", "1,0.5",
                "--content-layer-weights", "2", "--normalize-gradients", null);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(ImageFiles.info(dir.resolve("out.png")).text().get("Description")).contains(
                "--style-mask left.png --style-mask right.png --content-mask left.png",
                "--content-layer-weights 2 --style-layer-weights 1,0.5 --normalize-gradients");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sepia colours|--colors|sepia|error: Invalid value for option '--colors': unknown colour mode 'sepia'; use style,"
            + " original, luminance, histogram",
        "too few layer weights|--style-layer-weights|1,2,3|error: --style-layer-weights: give one weight per layer:"
            + " got 3 weights for 2 layers",
        "a negative layer weight|--content-layer-weights|-1|error: --content-layer-weights must be finite numbers >= 0,"
            + " got -1.0",
        "all layer weights zero|--style-layer-weights|0,0|error: --style-layer-weights: the weights must not all be"
            + " zero (give the loss weight 0 instead)"})
    void aBadControlValueIsOneLineNamingTheOptionAndNothingIsWritten(String name, String option, String value,
                                                                    String expected) {
        CliRunner.Result result = transfer(option, value);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0)).isEqualTo(expected);
        assertThat(Files.exists(dir.resolve("out.png"))).isFalse();
    }

    @Test
    void masksWithABlendAreAUsageError() throws IOException {
        Path left = mask("left.png", 12, 8, true);
        Path right = mask("right.png", 12, 8, false);

        CliRunner.Result result = transfer("--style", secondStyle.toString(), "--style-mask", left.toString(),
                "--style-mask", right.toString(), "--style-blend", "1,1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0)).isEqualTo("error: --style-blend cannot be combined with --style-mask:"
                + " each mask says where its style goes");
    }

    @Test
    void oneMaskForTwoStylesIsAUsageError() throws IOException {
        CliRunner.Result result = transfer("--style", secondStyle.toString(), "--style-mask",
                mask("left.png", 12, 8, true).toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0)).isEqualTo("error: --style-mask: give one mask per style image, in the"
                + " same order: got 1 mask for 2 style images");
    }

    @Test
    void aBlackMaskNamesTheStyleItMasks() throws IOException {
        Path black = dir.resolve("black.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", black.toFile());

        CliRunner.Result result = transfer("--style", secondStyle.toString(), "--style-mask",
                mask("left.png", 12, 8, true).toString(), "--style-mask", black.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0)).isEqualTo("error: --style-mask: the mask of style image 2 is black"
                + " everywhere, so its style would be used nowhere");
    }

    @Test
    void aMissingMaskFileIsNamed() {
        CliRunner.Result result = transfer("--content-mask", dir.resolve("nowhere.png").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0)).startsWith("error: ").endsWith("nowhere.png: no such file");
    }

    private static void assertChrominanceWithinOneLevel(RgbImage actual, RgbImage expected) {
        float[] a = Yuv.toYuv(actual);
        float[] e = Yuv.toYuv(expected.resize(actual.width(), actual.height()));
        int n = actual.width() * actual.height();
        for (int i = n; i < 3 * n; i++) {
            assertThat(a[i]).as("%s at pixel %d", i < 2 * n ? "U" : "V", i % n).isCloseTo(e[i], within(1f));
        }
    }
}
