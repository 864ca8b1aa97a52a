package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.weights.testing.LocalServer;
import dev.nst.weights.testing.WeightsFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a transfer can be refused: the exit code, one readable line on stderr, and nothing written (an existing
 * output stays byte-identical, no metrics or snapshot file appears).
 */
class TransferFailuresTest {

    private static final byte[] PREVIOUS_OUTPUT = {1, 2, 3, 4};

    @TempDir
    Path dir;
    private Path home;
    private Map<String, String> options;

    @BeforeEach
    void setUp() throws IOException {
        TestImages.png(dir, "content.png", 40, 28, 1);
        TestImages.png(dir, "style.png", 24, 24, 2);
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        byte[] png = Files.readAllBytes(dir.resolve("content.png"));
        Files.write(dir.resolve("truncated.png"), java.util.Arrays.copyOf(png, png.length / 2));
        Files.write(dir.resolve("out.png"), PREVIOUS_OUTPUT);
        Files.createDirectory(dir.resolve("folder.png"));
        home = Files.createDirectory(dir.resolve("home"));
        options = new LinkedHashMap<>();
        options.put("--content", dir.resolve("content.png").toString());
        options.put("--style", dir.resolve("style.png").toString());
        options.put("--output", dir.resolve("out.png").toString());
        options.put("--size", "32");
        options.put("--iterations", "3");
        options.put("--weights", "random:1");
        options.put("--backend", "cpu");
        options.put("--metrics", dir.resolve("metrics.jsonl").toString());
        options.put("--save-every", "1");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("--content", "missing.png", "missing.png: no such file"),
                Arguments.of("--style", "missing.png", "missing.png: no such file"),
                Arguments.of("--content", "notes.txt", "notes.txt: not an image"),
                Arguments.of("--style", "truncated.png", "truncated.png"),
                Arguments.of("--init", "missing.png", "missing.png: no such file"),
                Arguments.of("--output", "out.gif", "out.gif: unsupported output format"),
                Arguments.of("--output", "notes.txt/out.png", "--output"),
                Arguments.of("--output", "folder.png", "folder.png: is a folder"),
                Arguments.of("--metrics", "notes.txt/metrics.jsonl", "--metrics"),
                Arguments.of("--style-layers", "relu1_1,relu9_9", "--style-layers"),
                Arguments.of("--content-layers", "", "--content-layers"),
                Arguments.of("--size", "abc", "--size"),
                Arguments.of("--size", "8", "--size"),
                Arguments.of("--iterations", "-1", "--iterations"),
                Arguments.of("--style-weight", "-5", "--style-weight must be a finite number >= 0, got -5.0"),
                Arguments.of("--learning-rate", "0", "--learning-rate"),
                Arguments.of("--style-scale", "0", "--style-scale"),
                Arguments.of("--style-blend", "1,2", "--style-blend"),
                Arguments.of("--style-blend", "x", "--style-blend"),
                Arguments.of("--optimizer", "sgd", "--optimizer"),
                Arguments.of("--pooling", "min", "--pooling"),
                Arguments.of("--save-every", "-1", "--save-every"),
                Arguments.of("--print-every", "-2", "--print-every"),
                Arguments.of("--threads", "-1", "--threads"),
                Arguments.of("--weights", "", "--weights"),
                Arguments.of("--weights", "missing.h5", "missing.h5: no such weights file"),
                Arguments.of("--weights", "notes.txt", "notes.txt: not a supported weights file"),
                Arguments.of("--backend", "tpu", "unknown backend 'tpu'; choose one of auto, cpu, cuda"),
                Arguments.of("--precision", "bogus", "Invalid value for option '--precision': unknown precision"
                        + " 'bogus'; use fp32 or tf32"),
                Arguments.of("--colour", "red", "Unknown options: '--colour'"),
                Arguments.of("--output", null, "Missing required option: '--output=FILE'"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badInput")
    void badInputExitsWithTwoAndWritesNothing(String option, String value, String expectedInMessage) throws IOException {
        if (value == null) {
            options.remove(option);
        } else {
            boolean path = Set.of("--content", "--style", "--init", "--output", "--metrics", "--weights").contains(option)
                    && !value.isEmpty();
            options.put(option, path ? dir.resolve(value).toString() : value);
        }
        Set<Path> before = files();

        CliRunner.Result result = run();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines().get(0)).startsWith("error: ").contains(expectedInMessage);
        assertThat(result.errLines()).hasSizeLessThanOrEqualTo(2);
        if (result.errLines().size() == 2) {
            assertThat(result.errLines().get(1)).isEqualTo("try 'nst transfer --help'");
        }
        result.assertNoTrace();
        assertThat(result.out()).isEmpty();
        assertNothingWritten(before);
    }

    @Test
    void theCudaBackendWhereItCannotRunIsUnavailableWithTheReason() throws IOException {
        String reason = CudaOnThisMachine.assumeUnavailable();
        options.put("--backend", "cuda");
        Set<Path> before = files();

        CliRunner.Result result = run().assertNoTrace();

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.errLines()).containsExactly("error: cuda backend unavailable: " + reason);
        assertNothingWritten(before);
    }

    @Test
    void theCudaBackendChosenByNstBackendIsUnavailableWithTheReason() throws IOException {
        String reason = CudaOnThisMachine.assumeUnavailable();
        options.remove("--backend");

        CliRunner.Result result = run("NST_BACKEND", "cuda").assertNoTrace();

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.errLines()).containsExactly("error: cuda backend unavailable: " + reason);
    }

    @Test
    void missingVgg19WeightsThatCannotBeDownloadedAreUnavailableAndTheMessageSaysWhereToPutThem() throws IOException {
        Path nstHome = dir.resolve("nst-home");
        String mirror = LocalServer.refusingBase();
        options.remove("--weights");
        Set<Path> before = files();

        CliRunner.Result result = run("NST_HOME", nstHome.toString(), "NST_WEIGHTS_URL", mirror).assertNoTrace();

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.errLines()).hasSize(2);
        assertThat(result.errLines().get(0)).isEqualTo("note: downloading vgg19 (80 MB) from " + mirror
                + "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5");
        assertThat(result.errLines().get(1))
                .startsWith("error: The VGG19 weights were not found")
                .contains(nstHome.resolve("weights").toString())
                .contains(home.resolve(".keras").resolve("models").toString())
                .contains(home.resolve(".cache/torch/hub/checkpoints/vgg19-dcbb9e9d.pth").toString())
                .contains("downloading " + mirror + "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5 failed: cannot"
                        + " connect")
                .contains("nst weights fetch vgg19")
                .contains("--weights random");
        assertNoFileWritten(before);
        assertThat(nstHome.resolve("weights")).isEmptyDirectory();
    }

    @Test
    void withoutNstHomeTheWeightsAreLookedForInTheUsersCache() throws IOException {
        options.remove("--weights");

        CliRunner.Result result = run("NST_WEIGHTS_URL", LocalServer.refusingBase());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains(home.resolve(".cache").resolve("nst").resolve("weights").toString());
    }

    @Test
    void downloadedWeightsThatAreNotThePublishedFileFailTheTransferAndNothingIsWritten() throws IOException {
        options.remove("--weights");
        Set<Path> before = files();
        try (LocalServer server = new LocalServer()) {
            server.serve("vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5",
                    WeightsFixtures.bytes("vgg19_old_names.h5"), LocalServer.Behaviour.RANGES);

            CliRunner.Result result = run("NST_WEIGHTS_URL", server.base()).assertNoTrace();

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.errLines()).last().asString().startsWith("error: " + server.base()
                    + "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5: the downloaded file has md5 ")
                    .contains("but the published file has md5:253f8cb515780f3b799900260a226db6");
        }
        assertNoFileWritten(before);
        assertThat(home.resolve(".cache/nst/weights")).isEmptyDirectory();
    }

    @Test
    void debugModeAlsoPrintsTheStackTrace() {
        options.put("--content", dir.resolve("missing.png").toString());

        CliRunner.Result result = run("NST_DEBUG", "1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0)).startsWith("error: ").endsWith("missing.png: no such file");
        assertThat(result.err()).contains("InvalidInputException").contains("\tat ");
    }

    private CliRunner.Result run(String... variables) {
        List<String> args = new ArrayList<>(List.of("transfer"));
        options.forEach((option, value) -> args.addAll(List.of(option, value)));
        return CliRunner.run(CliRunner.environment(home, false, variables), args.toArray(String[]::new));
    }

    /** As {@link #assertNothingWritten}, allowing the (empty) folders a download attempt makes. */
    private void assertNoFileWritten(Set<Path> before) throws IOException {
        assertThat(files().stream().filter(Files::isRegularFile)).containsExactlyInAnyOrderElementsOf(
                before.stream().filter(Files::isRegularFile).toList());
        assertThat(Files.readAllBytes(dir.resolve("out.png"))).isEqualTo(PREVIOUS_OUTPUT);
    }

    private void assertNothingWritten(Set<Path> before) throws IOException {
        assertThat(files()).isEqualTo(before);
        assertThat(Files.readAllBytes(dir.resolve("out.png"))).isEqualTo(PREVIOUS_OUTPUT);
    }

    private Set<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.collect(Collectors.toSet());
        }
    }
}
