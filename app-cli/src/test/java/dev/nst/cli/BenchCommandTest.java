package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.port.in.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    private static final Pattern LINE = Pattern.compile("bench size=(\\d+) iterations=(\\d+) "
            + "seconds_per_iteration=([0-9.]+) median=([0-9.]+) min=([0-9.]+) peak_rss_mib=(\\d+|unknown) "
            + "backend=\"(cpu: [^\"]+)\" width=(\\d+) height=(\\d+) tiles=(\\d+) tile_size=(\\d+) "
            + "planned_peak_mib=(\\d+) planned_seconds_per_iteration=([0-9.]+)");

    @TempDir
    Path home;

    @Test
    void printsOneParsableLine() {
        CliRunner.Result result = CliRunner.run(CliRunner.environment(home, false),
                "bench", "--size", "32", "--iterations", "3", "--warmup", "1", "--backend", "cpu").assertNoTrace();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).hasSize(1);
        Matcher m = LINE.matcher(result.outLines().get(0));
        assertThat(m.matches()).as(result.out()).isTrue();
        assertThat(m.group(1)).isEqualTo("32");
        assertThat(m.group(2)).isEqualTo("3");
        double mean = Double.parseDouble(m.group(3));
        double median = Double.parseDouble(m.group(4));
        double min = Double.parseDouble(m.group(5));
        assertThat(min).isPositive().isLessThanOrEqualTo(median).isLessThanOrEqualTo(mean * 3);
        assertThat(m.group(6)).matches(Path.of("/proc/self/status").toFile().canRead() ? "\\d+" : "unknown");
        assertThat(m.group(8)).isEqualTo("32");
        assertThat(m.group(9)).isEqualTo("32");
        assertThat(m.group(10)).isEqualTo("1");
        assertThat(m.group(11)).isEqualTo("0");
        assertThat(Long.parseLong(m.group(12))).isPositive();
        assertThat(Double.parseDouble(m.group(13))).isPositive();
    }

    @Test
    void aRectangleOnTilesReportsItsTilesAndPlan() {
        CliRunner.Result result = CliRunner.run(CliRunner.environment(home, false), "bench", "--width", "320",
                "--height", "200", "--iterations", "1", "--warmup", "0", "--backend", "cpu", "--tile-size", "128",
                "--optimizer", "adam").assertNoTrace();

        assertThat(result.exitCode()).as(result.err()).isZero();
        Matcher m = LINE.matcher(result.outLines().get(0));
        assertThat(m.matches()).as(result.out()).isTrue();
        assertThat(m.group(1)).isEqualTo("320");
        assertThat(m.group(8)).isEqualTo("320");
        assertThat(m.group(9)).isEqualTo("200");
        assertThat(Integer.parseInt(m.group(10))).isEqualTo(3);
        assertThat(m.group(11)).isEqualTo("128");
    }

    @Test
    void atLeastOneTimedIterationIsNeeded() {
        CliRunner.Result result = CliRunner.run(CliRunner.environment(home, false), "bench", "--iterations", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0)).isEqualTo("error: --iterations must be at least 1, got 0");
    }

    @Test
    void timerLeavesOutTheWarmupAndTheInitialEvaluation() {
        IterationTimer timer = new IterationTimer(2);
        for (int i = 0; i <= 5; i++) {
            timer.onProgress(Progress.ofOneStage(64, i, 5, new LossBreakdown(0, 0, 0), Duration.ZERO, () -> null));
        }

        assertThat(timer.timedIterations()).isEqualTo(3);
    }

    @Test
    void peakMemoryIsReadFromVmHwm() {
        assertThat(PeakMemory.parseVmHwmMib(List.of("VmPeak:  900000 kB", "VmHWM:\t  515000 kB")))
                .contains(503L);
        assertThat(PeakMemory.parseVmHwmMib(List.of("Name: java"))).isEmpty();
    }
}
