package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Coarse to fine stages, tiles and the memory plan through {@code Main.run}: {@code --scales}, {@code --iterations}
 * per stage, {@code nst plan}, a refusal within a second, and auto tiles announced in one line.
 */
class LargeImagesCliTest {

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

    private CliRunner.Result run(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--content", content.toString(),
                "--style", style.toString(), "--weights", "random:1", "--backend", "cpu",
                "--content-layers", "relu2_1", "--style-layers", "relu1_1,relu2_1"));
        args.addAll(List.of(extra));
        return CliRunner.run(environment, args.toArray(String[]::new));
    }

    @Test
    void stagesRunAtEachScaleWithTheirOwnIterationsMetricsAndSnapshots() throws IOException {
        Path out = dir.resolve("out.png");
        Path metrics = dir.resolve("m.jsonl");

        CliRunner.Result result = run("transfer", "--output", out.toString(), "--scales", "16,24,32",
                "--iterations", "2,3,2", "--save-every", "2", "--metrics", metrics.toString()).assertNoTrace();

        assertThat(result.exitCode()).isZero();
        BufferedImage image = TestImages.read(out);
        assertThat(image.getWidth()).isEqualTo(32);
        List<String> rows = Files.readAllLines(metrics);
        assertThat(rows).hasSize(3 + 4 + 3);
        assertThat(rows.get(0)).startsWith("{\"stage\":1,\"size\":16,\"iteration\":0,");
        assertThat(rows.get(3)).startsWith("{\"stage\":2,\"size\":24,\"iteration\":0,");
        assertThat(rows.get(9)).startsWith("{\"stage\":3,\"size\":32,\"iteration\":2,");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("out_")))
                    .containsExactlyInAnyOrder("out_s2_2.png");
        }
        assertThat(result.out()).contains("stage 1/3, 16 px", "stage 3/3, 32 px");
    }

    @Test
    void theLastScaleIsTheOutputSizeAndAutoPicksTheSchedule() {
        CliRunner.Result auto = run("plan", "--size", "1200", "--scales", "auto", "--json").assertNoTrace();
        CliRunner.Result given = run("plan", "--scales", "300,600", "--iterations", "20", "--json").assertNoTrace();

        assertThat(auto.exitCode()).isZero();
        assertThat(stages(auto.out(), "size")).containsExactly(300, 600, 1200);
        assertThat(stages(auto.out(), "iterations")).containsExactly(1000, 500, 250);
        assertThat(stages(given.out(), "size")).containsExactly(300, 600);
        assertThat(stages(given.out(), "iterations")).containsExactly(20, 20);
    }

    @Test
    void planPrintsTheMemoryTilesHistoryAndTimeAsOneJsonObject() {
        CliRunner.Result result = run("plan", "--size", "64", "--iterations", "10", "--json").assertNoTrace();

        assertThat(result.exitCode()).isZero();
        String json = result.out().strip();
        assertThat(json).startsWith("{").endsWith("}").doesNotContain("\n");
        assertThat(number(json, "peakHostMiB")).isGreaterThan(100);
        assertThat(number(json, "peakDeviceMiB")).isZero();
        assertThat(number(json, "tileSize")).isZero();
        assertThat(number(json, "lbfgsHistory")).isEqualTo(100);
        assertThat(Double.parseDouble(field(json, "secondsPerIteration"))).isPositive();
        assertThat(field(json, "fits")).isEqualTo("true");
    }

    @Test
    void aTransferThatCannotFitIsRefusedWithinASecondNamingTheEstimateAndWhatWouldFit() {
        Path out = dir.resolve("never.png");
        run("plan", "--size", "64", "--iterations", "1"); // the backend's classes loaded, as in a running JVM

        long start = System.nanoTime();
        CliRunner.Result result = run("transfer", "--output", out.toString(), "--size", "3000", "--iterations", "50",
                "--optimizer", "adam", "--tile-size", "off", "--max-memory", "2G").assertNoTrace();
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(seconds).isLessThan(1.0);
        assertThat(result.errLines()).singleElement().asString()
                .matches("error: not enough memory: the transfer needs about [0-9.]+ [MG]iB at 3000x2100 px, but"
                        + " 2.0 GiB are available; try .*")
                .contains("--tile-size ").contains("--size ");
        assertThat(out).doesNotExist();
    }

    @Test
    void underAutoATransferThatDoesNotFitWholeRunsOnTilesAndSaysSoInOneLine() {
        CliRunner.Result whole = run("plan", "--size", "700", "--iterations", "1", "--optimizer", "adam", "--json");
        long wholeMiB = number(whole.out(), "peakHostMiB");
        Path out = dir.resolve("tiled.png");

        CliRunner.Result result = run("transfer", "--output", out.toString(), "--size", "700", "--iterations", "1",
                "--optimizer", "adam", "--max-memory", (wholeMiB - 1) + "M").assertNoTrace();

        assertThat(result.exitCode()).isZero();
        assertThat(result.errLines()).filteredOn(line -> line.startsWith("note: the whole"))
                .singleElement().asString()
                .matches("note: the whole 700x490 image needs about [0-9.]+ [MG]iB but [0-9.]+ [MG]iB is available:"
                        + " the network runs on [0-9]+ tiles of [0-9]+ px \\(about [0-9.]+x the time per iteration\\)");
        assertThat(TestImages.read(out).getWidth()).isEqualTo(700);
    }

    @Test
    void badStageTileHistoryAndMemorySettingsAreUsageErrorsNamingTheOption() {
        Path out = dir.resolve("bad.png");

        assertThat(run("transfer", "--output", out.toString(), "--scales", "64,32").err())
                .contains("--scales").contains("sizes must increase, got 32 after 64");
        assertThat(run("transfer", "--output", out.toString(), "--size", "64", "--scales", "16,32").err())
                .contains("error: --scales: the last size is the output's, 64 px; got 16,32");
        assertThat(run("transfer", "--output", out.toString(), "--iterations", "5,6").err())
                .contains("error: --iterations: give one number, or one per stage: got 2 for 1 stages");
        assertThat(run("transfer", "--output", out.toString(), "--tile-size", "8").err())
                .contains("--tile-size").contains("between 16 and 16384");
        assertThat(run("transfer", "--output", out.toString(), "--lbfgs-history", "0").err())
                .contains("error: --lbfgs-history must be between 1 and 10000, got 0");
        assertThat(run("transfer", "--output", out.toString(), "--max-memory", "lots").err())
                .contains("--max-memory").contains("use a size such as 8G");
        for (String[] bad : new String[][] {{"--scales", "64,32"}, {"--tile-size", "8"}, {"--lbfgs-history", "0"}}) {
            assertThat(run("transfer", "--output", out.toString(), bad[0], bad[1]).exitCode()).isEqualTo(2);
        }
        assertThat(out).doesNotExist();
    }

    private static long number(String json, String name) {
        return Long.parseLong(field(json, name));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":([^,}\\]]+)").matcher(json);
        assertThat(m.find()).as("field %s in %s", name, json).isTrue();
        return m.group(1);
    }

    /** The values of {@code name} in each stage of a plan's JSON. */
    private static List<Integer> stages(String json, String name) {
        String stages = json.substring(json.indexOf("\"stages\":["));
        Matcher m = Pattern.compile("\"" + name + "\":([0-9]+)").matcher(stages);
        List<Integer> values = new ArrayList<>();
        while (m.find()) {
            values.add(Integer.parseInt(m.group(1)));
        }
        return values;
    }
}
