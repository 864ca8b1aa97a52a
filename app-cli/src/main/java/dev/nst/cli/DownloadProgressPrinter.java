package dev.nst.cli;

import dev.nst.weights.DownloadProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Download progress on stderr. On a terminal: one line redrawn in place at most ten times a second, with a bar, the
 * bytes, the percentage, the speed and the time left. Otherwise: a plain line at every tenth of the file (every
 * 10 MB when its size is unknown) and at the end.
 */
final class DownloadProgressPrinter {

    private static final long REDRAW_NANOS = Duration.ofMillis(100).toNanos();
    private static final int BAR_WIDTH = 24;
    private static final long UNKNOWN_SIZE_STEP = 10_000_000;

    private final PrintStream err;
    private final boolean terminal;
    private long lastDrawNanos = Long.MIN_VALUE;
    private long lastStep = -1;
    private int lastLength;

    DownloadProgressPrinter(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    void onProgress(DownloadProgress progress) {
        if (terminal) {
            redraw(progress);
            return;
        }
        if (progress.done()) {
            err.println(plainLine(progress));
            lastStep = -1;
            return;
        }
        long step = progress.total().isPresent() && progress.total().getAsLong() > 0
                ? progress.bytes() * 10 / progress.total().getAsLong() : progress.bytes() / UNKNOWN_SIZE_STEP;
        if (step > lastStep) {
            err.println(plainLine(progress));
            lastStep = step;
        }
    }

    private void redraw(DownloadProgress progress) {
        long now = progress.elapsed().toNanos();
        if (!progress.done() && lastDrawNanos != Long.MIN_VALUE && now - lastDrawNanos < REDRAW_NANOS) {
            return;
        }
        String line = terminalLine(progress);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        if (progress.done()) {
            err.println();
            lastLength = 0;
            lastDrawNanos = Long.MIN_VALUE;
        } else {
            lastLength = line.length();
            lastDrawNanos = now;
        }
        err.flush();
    }

    /** {@code [##########--------------]  42%  33.7/80.1 MB  11.2 MB/s  ETA 4.1s} */
    static String terminalLine(DownloadProgress progress) {
        long total = progress.total().orElse(-1);
        String speed = String.format(Locale.ROOT, "%.1f MB/s", progress.bytesPerSecond() / 1e6);
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s  %s", megabytes(progress.bytes()), speed);
        }
        double done = Math.min(1, (double) progress.bytes() / total);
        int filled = (int) Math.round(done * BAR_WIDTH);
        double rate = progress.bytesPerSecond();
        String eta = progress.done() ? "done in " + Durations.format(progress.elapsed())
                : rate > 0 ? "ETA " + Durations.formatSeconds((total - progress.bytes()) / rate) : "ETA ?";
        return String.format(Locale.ROOT, "[%s] %3d%%  %s/%s  %s  %s", "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled),
                Math.round(done * 100), number(progress.bytes()), megabytes(total), speed, eta);
    }

    /** {@code downloaded 33.7 of 80.1 MB (42%), 11.2 MB/s} */
    static String plainLine(DownloadProgress progress) {
        long total = progress.total().orElse(-1);
        String amount = total > 0
                ? String.format(Locale.ROOT, "%s of %s (%d%%)", number(progress.bytes()), megabytes(total),
                        Math.round(100.0 * progress.bytes() / total))
                : megabytes(progress.bytes());
        return String.format(Locale.ROOT, "%s %s, %.1f MB/s", progress.done() ? "downloaded" : "downloading", amount,
                progress.bytesPerSecond() / 1e6);
    }

    static String megabytes(long bytes) {
        return number(bytes) + " MB";
    }

    /** A file size as people read it: {@code 80.1 MB}, {@code 46 KB}, {@code 312 bytes}. */
    static String size(long bytes) {
        if (bytes >= 1_000_000) {
            return megabytes(bytes);
        }
        return bytes >= 1000 ? Math.round(bytes / 1e3) + " KB" : bytes + " bytes";
    }

    private static String number(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }
}
