package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a whole: version, help, dispatch, and the backend listing. */
class MainTest {

    @TempDir
    Path home;

    private CliRunner.Result run(String... args) {
        return CliRunner.run(CliRunner.environment(home, false), args);
    }

    @Test
    void versionPrintsTheProductAndItsVersion() {
        CliRunner.Result result = run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).matches("nst \\d+\\.\\d+\\.\\d+\\S*\\R");
    }

    @Test
    void backendsListsCpuAsAvailableAndCudaWithWhatItRunsOnOrWhyNot() {
        CliRunner.Result result = run("backends").assertNoTrace();

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).anySatisfy(line -> assertThat(line).startsWith("cpu available: "));
        assertThat(result.outLines()).anySatisfy(line -> assertThat(line).matches(
                "cuda (available: .+ \\(compute capability .+|unavailable: .+)"));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void backendsGivesTheRealReasonWhereCudaCannotRun() {
        String reason = CudaOnThisMachine.assumeUnavailable();

        assertThat(run("backends").outLines()).contains("cuda unavailable: " + reason);
    }

    @Test
    void transferHelpStatesEveryDefault() {
        CliRunner.Result result = run("transfer", "--help");

        assertThat(result.exitCode()).isZero();
        String help = result.out().replaceAll("\\s+", " ").replaceAll(", (?=relu)", ",");
        assertThat(help).contains("--size=N", "(default: the last of --scales, else 512)", "(default: 1000)",
                "(default: lbfgs)", "--scales=auto|S1,S2,..", "--iterations=N|N1,N2,..", "--tile-size=N|auto|off",
                "(default: auto)", "--lbfgs-history=N", "(neural-style's -lbfgs_num_correction; default: 100",
                "--max-memory=SIZE", "default: what the machine has available",
                "1 for lbfgs, 10 for adam", "(default: 5 with Caffe/Keras weights;", "(default: 100 with Caffe/Keras",
                "(default: 1e-3 with Caffe/Keras weights;", "(default: relu4_2)",
                "(default: relu1_1,relu2_1,relu3_1,relu4_1,relu5_1)", "(default: noise)", "(default: 0)",
                "reproducible", "(default: max)", "(default: 1.0)", "(default: 50)", "$NST_BACKEND, else auto",
                "--precision=fp32|tf32", "The cpu backend ignores it", "(default: fp32)",
                "$NST_WEIGHTS if set, else vgg19", "= all cores", "Exit codes:",
                "--colors=style|original|luminance|histogram", "--style-mask=FILE", "--content-mask=FILE",
                "--style-layer-weights=W", "--content-layer-weights=W", "--normalize-gradients", "(default: all 1)",
                "(default: style)");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRunner.Result result = run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: missing command: use transfer, plan, weights, info, backends or bench",
                "try 'nst --help'");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRunner.Result result = run("paint").assertNoTrace();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0)).startsWith("error: ").contains("'paint'");
    }
}
