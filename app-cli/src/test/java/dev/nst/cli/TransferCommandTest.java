package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.RgbImage;
import dev.nst.core.image.ImageFiles;
import dev.nst.weights.testing.WeightsFixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nst transfer} end to end, on tiny images, random weights and the CPU backend. */
class TransferCommandTest {

    private static final Pattern METRICS_LINE = Pattern.compile("\\{\"iteration\":(\\d+),\"loss\":([^,]+),"
            + "\"content\":([^,]+),\"style\":([^,]+),\"tv\":([^,]+),\"elapsedMs\":(\\d+)}");

    @TempDir
    Path dir;
    private Path content;
    private Path style;
    private CliEnvironment environment;

    @BeforeEach
    void images() {
        content = TestImages.png(dir, "content.png", 40, 28, 1);
        style = TestImages.png(dir, "style.png", 24, 24, 2);
        environment = CliRunner.environment(dir.resolve("home"), false);
    }

    /** Arguments of a small, fast run; {@code extra} option-value pairs replace the defaults ({@code --style} adds). */
    private String[] args(String output, String... extra) {
        List<String> args = new ArrayList<>(List.of("transfer", "--content", content.toString(),
                "--style", style.toString(), "--output", dir.resolve(output).toString(),
                "--size", "32", "--iterations", "3", "--weights", "random:1", "--backend", "cpu"));
        for (int i = 0; i < extra.length; i += 2) {
            int at = args.indexOf(extra[i]);
            if (at < 0 || extra[i].equals("--style")) {
                args.addAll(List.of(extra[i], extra[i + 1]));
            } else {
                args.set(at + 1, extra[i + 1]);
            }
        }
        return args.toArray(String[]::new);
    }

    private CliRunner.Result transfer(String output, String... extra) {
        return CliRunner.run(environment, args(output, extra));
    }

    @Test
    void writesAPngOfTheRequestedSizeKeepingTheAspectRatio() {
        CliRunner.Result result = transfer("out.png").assertNoTrace();

        assertThat(result.exitCode()).isZero();
        BufferedImage image = TestImages.read(dir.resolve("out.png"));
        assertThat(image.getWidth()).isEqualTo(32);
        assertThat(image.getHeight()).isEqualTo(22); // 28 * 32 / 40 = 22.4
        assertThat(result.out()).containsPattern("wrote .*out\\.png \\(32x22\\) in [0-9.]+s on cpu: ");
        assertThat(result.err()).isEqualTo("note: using random VGG19 weights (random:1); results will not look like"
                + " real style transfer" + System.lineSeparator());
    }

    @Test
    void autoRunsOnTheCpuWithAOneLineNoticeWhereCudaCannotRun() {
        String reason = CudaOnThisMachine.assumeUnavailable();

        CliRunner.Result result = transfer("out.png", "--backend", "auto").assertNoTrace();

        assertThat(result.exitCode()).isZero();
        assertThat(result.errLines()).containsExactly("note: cuda unavailable (" + reason + "); running on cpu",
                "note: using random VGG19 weights (random:1); results will not look like real style transfer");
        assertThat(result.out()).contains(" on cpu: ");
    }

    @Test
    void theCpuBackendAcceptsAPrecisionAndComputesInFloat32Anyway() {
        CliRunner.Result plain = transfer("plain.png").assertNoTrace();
        CliRunner.Result tf32 = transfer("tf32.png", "--precision", "tf32").assertNoTrace();

        assertThat(tf32.exitCode()).isZero();
        assertThat(TestImages.read(dir.resolve("tf32.png")).getRGB(5, 5))
                .isEqualTo(TestImages.read(dir.resolve("plain.png")).getRGB(5, 5));
        assertThat(plain.exitCode()).isZero();
    }

    @Test
    void writesJpegOutputs() {
        assertThat(transfer("out.jpg").exitCode()).isZero();
        assertThat(transfer("out.jpeg").exitCode()).isZero();

        assertThat(TestImages.read(dir.resolve("out.jpg")).getWidth()).isEqualTo(32);
        assertThat(TestImages.read(dir.resolve("out.jpeg")).getHeight()).isEqualTo(22);
    }

    @Test
    void metricsHaveOneLinePerIterationFromZeroWithEveryField() throws IOException {
        Path metrics = dir.resolve("logs/run.jsonl");

        CliRunner.Result result = transfer("out.png", "--metrics", metrics.toString());

        assertThat(result.exitCode()).isZero();
        List<String> lines = Files.readAllLines(metrics);
        assertThat(lines).hasSize(4);
        long previousElapsed = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = METRICS_LINE.matcher(lines.get(i));
            assertThat(m.matches()).as(lines.get(i)).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(i);
            double content = Double.parseDouble(m.group(3));
            double style = Double.parseDouble(m.group(4));
            double tv = Double.parseDouble(m.group(5));
            assertThat(Double.parseDouble(m.group(2))).isCloseTo(content + style + tv, org.assertj.core.data.Percentage.withPercentage(1e-6));
            long elapsed = Long.parseLong(m.group(6));
            assertThat(elapsed).isGreaterThanOrEqualTo(previousElapsed);
            previousElapsed = elapsed;
        }
    }

    @Test
    void zeroIterationsWritesOneMetricsLineAndTheImage() throws IOException {
        Path metrics = dir.resolve("metrics.jsonl");

        CliRunner.Result result = transfer("out.png", "--iterations", "0", "--metrics", metrics.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(Files.readAllLines(metrics)).singleElement().asString().startsWith("{\"iteration\":0,");
        assertThat(TestImages.read(dir.resolve("out.png")).getWidth()).isEqualTo(32);
    }

    @Test
    void lossWeightsNotGivenComeFromTheWeightsAndGivenOnesAreUsedAsTheyAre() throws IOException {
        // torchvision weights recommend 5, 100 and 1e-3 rescaled by their input scale k = 255 * 0.226 (README)
        String torchvision = WeightsFixtures.copy("torchvision_features.pth", dir, "tv.pth").toString();
        double k2 = Math.pow(255 * 0.226, 2);

        String[] defaults = metricsAtStart("defaults", "--weights", torchvision);
        String[] explicit = metricsAtStart("explicit", "--weights", torchvision, "--content-weight",
                Double.toString(5 * k2), "--style-weight", Double.toString(100 * k2 * k2), "--tv-weight",
                Double.toString(1e-3 * k2));
        String[] styleGiven = metricsAtStart("style", "--weights", torchvision, "--style-weight", "100");

        assertThat(Double.parseDouble(defaults[0])).isPositive();
        assertThat(Double.parseDouble(explicit[0])).isCloseTo(Double.parseDouble(defaults[0]),
                within(1e-9 * Double.parseDouble(defaults[0])));
        assertThat(Double.parseDouble(explicit[1])).isCloseTo(Double.parseDouble(defaults[1]),
                within(1e-9 * Double.parseDouble(defaults[1])));
        assertThat(Double.parseDouble(explicit[2])).isCloseTo(Double.parseDouble(defaults[2]),
                within(1e-9 * Double.parseDouble(defaults[2])));
        assertThat(styleGiven[0]).isEqualTo(defaults[0]);
        assertThat(styleGiven[2]).isEqualTo(defaults[2]);
        assertThat(Double.parseDouble(styleGiven[1]) * k2 * k2).isCloseTo(Double.parseDouble(defaults[1]),
                within(1e-6 * Double.parseDouble(defaults[1])));
    }

    /** Content, style and TV loss of iteration 0 with the given options. */
    private String[] metricsAtStart(String name, String... options) throws IOException {
        Path metrics = dir.resolve(name + ".jsonl");
        List<String> extra = new ArrayList<>(List.of("--iterations", "0", "--metrics", metrics.toString()));
        extra.addAll(List.of(options));
        CliRunner.Result result = transfer(name + ".png", extra.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        Matcher line = METRICS_LINE.matcher(Files.readAllLines(metrics).get(0));
        assertThat(line.matches()).isTrue();
        return new String[] {line.group(3), line.group(4), line.group(5)};
    }

    @Test
    void saveEveryWritesNumberedImagesBeforeTheLastIteration() throws IOException {
        CliRunner.Result result = transfer("out.png", "--iterations", "5", "--save-every", "2");

        assertThat(result.exitCode()).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("content.png", "style.png", "out.png", "out_2.png", "out_4.png");
        }
        assertThat(TestImages.read(dir.resolve("out_2.png")).getHeight()).isEqualTo(22);
    }

    @Test
    void aStyleBlendOfOneAndZeroIsThatStyleAlone() throws IOException {
        Path other = TestImages.png(dir, "other.png", 30, 20, 3);

        // Adam's first steps are large enough for the style to show in three iterations.
        assertThat(transfer("single.png", "--optimizer", "adam").exitCode()).isZero();
        CliRunner.Result blended = transfer("blend.png", "--optimizer", "adam",
                "--style", other.toString(), "--style-blend", "1,0");
        assertThat(transfer("mixed.png", "--optimizer", "adam",
                "--style", other.toString(), "--style-blend", "0.5,0.5").exitCode()).isZero();

        assertThat(blended.exitCode()).isZero();
        assertThat(TestImages.distinctColours(dir.resolve("single.png"))).isGreaterThan(10);
        // the same pixels (the files say how they were made, which differs)
        assertThat(pixels("blend.png")).isEqualTo(pixels("single.png"));
        assertThat(pixels("mixed.png")).isNotEqualTo(pixels("single.png"));
    }

    @Test
    void startingFromTheContentFileIsTheSameAsInitContentAndDiffersFromNoise() throws IOException {
        Path otherPicture = TestImages.png(dir, "other.png", 20, 30, 4);
        assertThat(transfer("content-init.png", "--init", "content").exitCode()).isZero();
        assertThat(transfer("other-init.png", "--init", otherPicture.toString()).exitCode()).isZero();
        assertThat(transfer("file-init.png", "--init", content.toString()).exitCode()).isZero();
        assertThat(transfer("noise-init.png").exitCode()).isZero();

        RgbImage fromContent = pixels("content-init.png");
        assertThat(pixels("file-init.png")).isEqualTo(fromContent);
        assertThat(pixels("noise-init.png")).isNotEqualTo(fromContent);
        assertThat(pixels("other-init.png")).isNotEqualTo(fromContent);
    }

    @Test
    void runsAreReproducibleByDefault() throws IOException {
        transfer("first.png", "--optimizer", "adam");
        transfer("second.png", "--optimizer", "adam");

        assertThat(TestImages.distinctColours(dir.resolve("first.png"))).isGreaterThan(10);
        assertThat(Files.readAllBytes(dir.resolve("second.png"))).isEqualTo(Files.readAllBytes(dir.resolve("first.png")));
    }

    @Test
    void weightsComeFromNstWeightsWhenTheOptionIsAbsent() {
        environment = CliRunner.environment(dir.resolve("home"), false, "NST_WEIGHTS", "random:3");
        List<String> args = new ArrayList<>(List.of(args("out.png")));
        int at = args.indexOf("--weights");
        args.subList(at, at + 2).clear();

        CliRunner.Result result = CliRunner.run(environment, args.toArray(String[]::new));

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("note: using random VGG19 weights (random:3)");
    }

    @Test
    void plainProgressPrintsEveryNIterationsAndTheLast() {
        CliRunner.Result result = transfer("out.png", "--iterations", "5", "--print-every", "2");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).hasSize(4);
        assertThat(result.outLines().subList(0, 3)).allSatisfy(line -> assertThat(line)
                .matches("iteration \\d/5  loss \\S+ \\(content \\S+, style \\S+, tv \\S+\\)  [0-9.]+ it/s"));
        assertThat(result.outLines().subList(0, 3)).map(line -> line.substring(0, "iteration 2/5".length()))
                .containsExactly("iteration 2/5", "iteration 4/5", "iteration 5/5");
        assertThat(result.out()).doesNotContain("\r");
    }

    @Test
    void printEveryZeroPrintsOnlyTheSummary() {
        CliRunner.Result result = transfer("out.png", "--print-every", "0");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).singleElement().asString().startsWith("wrote ");
    }

    @Test
    void onATerminalProgressIsOneLineRedrawnInPlace() {
        environment = CliRunner.environment(dir.resolve("home"), true);

        CliRunner.Result result = transfer("out.png");

        assertThat(result.exitCode()).isZero();
        String out = result.out();
        assertThat(out).startsWith("\r[").contains("3/3  loss ").contains(" it/s");
        int firstNewline = out.indexOf(System.lineSeparator());
        assertThat(out.substring(firstNewline + System.lineSeparator().length())).startsWith("wrote ");
        assertThat(out.substring(0, firstNewline)).doesNotContain("\n");
    }

    /** A result's pixels, whatever its file says of how it was made. */
    private RgbImage pixels(String name) {
        return ImageFiles.read(dir.resolve(name));
    }
}
