package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.RgbImage;
import dev.nst.core.image.ImageFiles;
import dev.nst.core.image.ImageInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pictures as people have them, through {@code nst transfer} and {@code nst info}. */
class PicturesCliTest {

    @TempDir
    Path dir;
    private Path home;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectory(dir.resolve("home"));
    }

    private Path fixture(String name) throws IOException {
        try (InputStream in = PicturesCliTest.class.getResourceAsStream("/images/" + name)) {
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }

    /** One quick iteration on shallow layers (the fixtures are 16 x 10), random weights, the CPU. */
    private CliRunner.Result transfer(Path content, Path style, Path output, String... more) {
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("--content", content.toString());
        options.put("--style", style.toString());
        options.put("--output", output.toString());
        options.put("--size", "16");
        options.put("--iterations", "1");
        options.put("--content-layers", "relu1_1");
        options.put("--style-layers", "relu1_1");
        options.put("--weights", "random:1");
        options.put("--backend", "cpu");
        options.put("--print-every", "0");
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of("transfer"));
        options.forEach((option, value) -> args.addAll(List.of(option, value)));
        return CliRunner.run(CliRunner.environment(home, false), args.toArray(String[]::new)).assertNoTrace();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lossless.webp", "lossy.webp", "alpha.webp", "lzw.tif", "deflate.tif", "rgb16.tif",
        "cmyk.jpg", "progressive.jpg", "palette.png", "grey16.png", "rgb8.bmp", "two-frames.gif", "wide-gamut.tif"})
    void everyFormatIsAContentAndAStyle(String name) throws IOException {
        Path picture = fixture(name);

        CliRunner.Result result = transfer(picture, picture, dir.resolve("out.png"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(ImageFiles.read(dir.resolve("out.png")).width()).isEqualTo(16);
    }

    @Test
    void aPhonePortraitTaggedSidewaysComesOutUpright() throws IOException {
        // 100 x 60 stored, EXIF orientation 6: 60 x 100 as the phone showed it
        Path phone = fixture("phone-6.jpg");
        Path out = dir.resolve("portrait.png");

        CliRunner.Result result = transfer(phone, phone, out, "--size", "64");

        assertThat(result.exitCode()).as(result.err()).isZero();
        RgbImage image = ImageFiles.read(out);
        assertThat(List.of(image.width(), image.height())).containsExactly(38, 64);
    }

    @Test
    void aTransparentContentGivesATransparentResult() throws IOException {
        Path content = fixture("rgba.png");
        Path out = dir.resolve("out.png");

        assertThat(transfer(content, fixture("rgb8.png"), out).exitCode()).isZero();

        RgbImage result = ImageFiles.read(out);
        RgbImage original = ImageFiles.read(content);
        assertThat(result.hasAlpha()).isTrue();
        float[] alpha = result.alpha();
        float[] expected = original.alpha();
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) alpha[i]).isCloseTo(expected[i], within(0.51));
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2} bits")
    @CsvSource({"out.png, '', 8", "out.png, 16, 16", "out.tif, '', 16", "out.tif, 8, 8", "out.jpg, '', 8"})
    void theBitDepthIsTheFormatsOrTheOneAskedFor(String name, String bits, int expected) throws IOException {
        Path out = dir.resolve(name);
        String[] more = bits.isEmpty() ? new String[0] : new String[] {"--bit-depth", bits};

        CliRunner.Result result = transfer(fixture("rgb16.png"), fixture("rgb8.png"), out, more);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(ImageFiles.info(out).bitsPerSample()).isEqualTo(expected);
    }

    @Test
    void aLowerJpegQualityMakesASmallerFile() throws IOException {
        Path content = fixture("phone-6.jpg");
        Path style = fixture("rgb8.png");

        transfer(content, style, dir.resolve("low.jpg"), "--size", "64", "--jpeg-quality", "40");
        transfer(content, style, dir.resolve("high.jpg"), "--size", "64", "--jpeg-quality", "100");

        assertThat(Files.size(dir.resolve("low.jpg"))).isLessThan(Files.size(dir.resolve("high.jpg")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"made.png", "made.tif", "made.jpg"})
    void aResultSaysHowItWasMadeAndInfoPrintsIt(String name) throws IOException {
        Path out = dir.resolve(name);
        assertThat(transfer(fixture("rgb8.png"), fixture("lossless.webp"), out, "--seed", "7").exitCode()).isZero();

        ImageInfo info = ImageFiles.info(out);
        CliRunner.Result printed = CliRunner.run(CliRunner.environment(home, false), "info", out.toString())
                .assertNoTrace();

        assertThat(info.text().get("Software")).startsWith("nst ");
        assertThat(info.text().get("Description")).startsWith("nst transfer --content rgb8.png --style lossless.webp"
                + " --size 16 --iterations 1 --optimizer lbfgs --learning-rate 1 --lbfgs-history 100 --content-weight 5"
                + " --style-weight 100"
                + " --tv-weight 0.001 --content-layers relu1_1 --style-layers relu1_1 --init noise --seed 7");
        assertThat(info.text().get("Description")).contains("--weights random:1");
        assertThat(printed.exitCode()).isZero();
        assertThat(printed.out()).contains("size:         16 x 10 px", "Software:     nst ",
                "Description:  nst transfer --content rgb8.png");
    }

    @Test
    void infoDescribesAnyPictureAsNstReadsIt() throws IOException {
        Path phone = fixture("phone-6.jpg");
        Path profiled = fixture("wide-gamut.png");

        CliRunner.Result portrait = CliRunner.run(CliRunner.environment(home, false), "info", phone.toString());
        CliRunner.Result wide = CliRunner.run(CliRunner.environment(home, false), "info", profiled.toString());

        assertThat(portrait.exitCode()).isZero();
        assertThat(portrait.out()).contains("format:       JPEG", "size:         60 x 100 px (stored 100 x 60)",
                "orientation:  EXIF 6");
        assertThat(wide.out()).contains("colour:       ICC profile \"nst test wide-gamut RGB\" (converted to sRGB");
    }

    static Stream<String[]> badOutputs() {
        return Stream.of(
                new String[] {"out.jpg", "--bit-depth", "16", "--bit-depth 16: "},
                new String[] {"out.png", "--bit-depth", "12", "--bit-depth must be 8 or 16, got 12"},
                new String[] {"out.jpg", "--jpeg-quality", "0", "--jpeg-quality must be between 1 and 100, got 0"},
                new String[] {"out.webp", "--seed", "1", "out.webp: unsupported output format"});
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @org.junit.jupiter.params.provider.MethodSource("badOutputs")
    void badOutputSettingsExitWithTwoAndWriteNothing(String name, String option, String value, String message)
            throws IOException {
        Path content = fixture("rgb8.png");
        Set<Path> before = files();

        CliRunner.Result result = transfer(content, content, dir.resolve(name), option, value);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0)).startsWith("error: ").contains(message);
        assertThat(files()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"corrupt.webp", "truncated.webp", "corrupt.tif", "truncated.tif"})
    void aBrokenWebpOrTiffIsRefusedAsCleanlyAsABrokenPng(String name) throws IOException {
        Path broken = fixture(name);
        Path good = fixture("rgb8.png");
        Set<Path> before = files();

        CliRunner.Result result = transfer(broken, good, dir.resolve("out.png"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.errLines().get(0)).startsWith("error: " + broken + ": ");
        assertThat(files()).isEqualTo(before);
    }

    private Set<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.collect(Collectors.toSet());
        }
    }
}
