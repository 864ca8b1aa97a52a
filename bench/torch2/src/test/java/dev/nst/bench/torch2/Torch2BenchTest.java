package dev.nst.bench.torch2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs libtorch for real (offline, on the bundled CPU build) on the smallest images relu5_1 allows. */
class Torch2BenchTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Torch2Bench.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheLossesAndOneBenchLineInTheFormatOfNstBench() {
        int code = run("--size", "16", "--iterations", "2", "--warmup", "1", "--threads", "1");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(output()).containsPattern("(?m)^losses iteration=0 content=\\S+ style=\\S+ tv=\\S+ total=\\S+$")
                .containsPattern("(?m)^bench size=16 iterations=2 seconds_per_iteration=[0-9.]+ median=[0-9.]+ "
                        + "min=[0-9.]+ peak_rss_mib=\\d+ backend=\"libtorch 2\\.\\d+\\.\\d+ \\(DJL [0-9.]+\\), 1 threads\"$");
    }

    @Test
    void theLossesMatchNstsOwnWithLbfgsAndWithAdam() {
        for (String optimizer : new String[] {"lbfgs", "adam"}) {
            out.reset();

            int code = run("--size", "16", "--iterations", "2", "--warmup", "0", "--threads", "2",
                    "--optimizer", optimizer, "--check", "--check-iteration", "2");

            assertThat(code).as(output() + err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(output()).contains("check iteration=0 relative_difference").contains(" ok (limit 1e-04)")
                    .containsPattern("(?m)^nst losses iteration=2 ");
        }
    }

    @Test
    void refusesWeightsItDoesNotGenerate() {
        assertThat(run("--weights", "vgg19")).isEqualTo(Torch2Bench.BAD_INPUT);
    }
}
