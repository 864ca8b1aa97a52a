package dev.nst.cli;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress on stdout. On a terminal: one line redrawn in place ({@code \r}) at most ten times a second, with a bar,
 * the loss, the speed and the time left. Otherwise: a plain line every {@code printEvery} iterations and at the
 * last of each stage. {@code printEvery} 0 prints nothing. A transfer of several stages says which one
 * ({@code stage 2/4, 1024 px}) at the start of each line.
 */
final class ProgressPrinter implements ProgressListener {

    private static final long REDRAW_NANOS = Duration.ofMillis(100).toNanos();
    private static final int BAR_WIDTH = 24;

    private final PrintStream out;
    private final boolean terminal;
    private final int printEvery;
    private long lastDrawNanos;
    private int lastLength;
    private boolean linePending;

    ProgressPrinter(PrintStream out, boolean terminal, int printEvery) {
        this.out = out;
        this.terminal = terminal;
        this.printEvery = printEvery;
    }

    @Override
    public void onProgress(Progress progress) {
        if (printEvery == 0) {
            return;
        }
        if (terminal) {
            redraw(progress);
        } else if (progress.isLastOfStage() || (progress.iteration() > 0 && progress.iteration() % printEvery == 0)) {
            out.println(plainLine(progress));
        }
    }

    /** Ends the terminal line, if one is being redrawn; call once the run is over, whether it succeeded or not. */
    void finish() {
        if (linePending) {
            out.println();
            linePending = false;
        }
    }

    /** {@code iteration 50/1000  loss 1.234e+06 (content 1.1e+05, style 1.0e+06, tv 3.2e+03)  3.9 it/s} */
    static String plainLine(Progress progress) {
        LossBreakdown loss = progress.loss();
        return stage(progress) + String.format(Locale.ROOT,
                "iteration %d/%d  loss %.3e (content %.1e, style %.1e, tv %.1e)  %.1f it/s",
                progress.iteration(), progress.iterations(), loss.total(), loss.content(), loss.style(), loss.tv(),
                rate(progress));
    }

    private void redraw(Progress progress) {
        long now = progress.elapsed().toNanos();
        boolean due = !linePending || progress.isLastOfStage() || now - lastDrawNanos >= REDRAW_NANOS;
        if (!due) {
            return;
        }
        String line = terminalLine(progress);
        String padding = " ".repeat(Math.max(0, lastLength - line.length()));
        out.print("\r" + line + padding);
        out.flush();
        lastDrawNanos = now;
        lastLength = line.length();
        linePending = true;
    }

    /** {@code [######------------------] 250/1000  loss 1.234e+06  3.9 it/s  ETA 3m 12s} */
    static String terminalLine(Progress progress) {
        int total = progress.iterations();
        double done = total == 0 ? 1 : (double) progress.iteration() / total;
        int filled = (int) Math.round(done * BAR_WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
        double rate = rate(progress);
        String eta = progress.isLastOfStage() ? "done in " + Durations.format(progress.elapsed())
                : rate > 0 ? "ETA " + Durations.formatSeconds((total - progress.iteration()) / rate) : "ETA ?";
        return stage(progress) + String.format(Locale.ROOT, "[%s] %d/%d  loss %.3e  %.1f it/s  %s",
                bar, progress.iteration(), total, progress.loss().total(), rate, eta);
    }

    /** {@code stage 2/4, 1024 px  } when the transfer has several stages, else nothing. */
    static String stage(Progress progress) {
        return progress.isStaged()
                ? String.format(Locale.ROOT, "stage %d/%d, %d px  ", progress.stage(), progress.stages(), progress.size())
                : "";
    }

    private static double rate(Progress progress) {
        double seconds = progress.elapsed().toNanos() / 1e9;
        return seconds > 0 ? progress.iteration() / seconds : 0;
    }
}
