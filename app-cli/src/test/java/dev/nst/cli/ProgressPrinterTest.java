package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.port.in.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static Progress at(int iteration, int iterations, long elapsedMillis) {
        return Progress.ofOneStage(64, iteration, iterations, new LossBreakdown(1.1e5, 1.0e6, 3.2e3),
                Duration.ofMillis(elapsedMillis), () -> {
                    throw new AssertionError("progress output must not ask for the image");
                });
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainLinesLookLikeThis() {
        assertThat(ProgressPrinter.plainLine(at(50, 1000, 12_820)))
                .isEqualTo("iteration 50/1000  loss 1.113e+06 (content 1.1e+05, style 1.0e+06, tv 3.2e+03)  3.9 it/s");
    }

    @Test
    void aTransferInStagesSaysWhichStageAndItsSize() {
        Progress staged = new Progress(2, 4, 1024, 50, 1000, new LossBreakdown(1.1e5, 1.0e6, 3.2e3),
                Duration.ofMillis(12_820), () -> null);

        assertThat(ProgressPrinter.plainLine(staged)).isEqualTo("stage 2/4, 1024 px  iteration 50/1000  loss 1.113e+06"
                + " (content 1.1e+05, style 1.0e+06, tv 3.2e+03)  3.9 it/s");
        assertThat(ProgressPrinter.terminalLine(staged)).startsWith("stage 2/4, 1024 px  [#");
    }

    @Test
    void plainModePrintsEveryNthIterationAndTheLast() {
        ProgressPrinter printer = new ProgressPrinter(out, false, 3);
        for (int i = 0; i <= 7; i++) {
            printer.onProgress(at(i, 7, i * 100L));
        }
        printer.finish();

        assertThat(printed().lines().map(line -> line.substring(0, line.indexOf("  "))))
                .containsExactly("iteration 3/7", "iteration 6/7", "iteration 7/7");
    }

    @Test
    void terminalModeRedrawsOneLineAtMostTenTimesASecond() {
        ProgressPrinter printer = new ProgressPrinter(out, true, 50);
        for (int i = 0; i <= 100; i++) {
            printer.onProgress(at(i, 100, i * 10L)); // 100 it/s for one second
        }
        printer.finish();

        String printed = printed();
        long redraws = printed.chars().filter(c -> c == '\r').count();
        assertThat(redraws).isBetween(10L, 12L);
        assertThat(printed).endsWith(System.lineSeparator()).containsOnlyOnce(System.lineSeparator());
        String last = printed.substring(printed.lastIndexOf('\r') + 1).strip();
        assertThat(last).isEqualTo("[########################] 100/100  loss 1.113e+06  100.0 it/s  done in 1.0s");
    }

    @Test
    void terminalLineShowsTheTimeLeft() {
        assertThat(ProgressPrinter.terminalLine(at(250, 1000, 50_000)))
                .isEqualTo("[######------------------] 250/1000  loss 1.113e+06  5.0 it/s  ETA 2m 30s");
    }

    @Test
    void aShorterRedrawBlanksTheRestOfTheLongerOne() {
        ProgressPrinter printer = new ProgressPrinter(out, true, 50);
        printer.onProgress(at(1, 10, 1_000_000));
        printer.onProgress(at(10, 10, 1_000_200));

        String[] draws = printed().split("\r");
        assertThat(draws[2].length()).isGreaterThanOrEqualTo(draws[1].length());
    }

    @Test
    void printEveryZeroPrintsNothing() {
        ProgressPrinter plain = new ProgressPrinter(out, false, 0);
        ProgressPrinter terminal = new ProgressPrinter(out, true, 0);
        for (int i = 0; i <= 3; i++) {
            plain.onProgress(at(i, 3, i));
            terminal.onProgress(at(i, 3, i));
        }
        terminal.finish();

        assertThat(printed()).isEmpty();
    }
}
