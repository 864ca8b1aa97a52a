package dev.nst.cli;

import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Wall time between consecutive progress callbacks, i.e. the time of each iteration; the first {@code warmup}
 * iterations are left out.
 */
final class IterationTimer implements ProgressListener {

    private final int warmup;
    private final List<Double> seconds = new ArrayList<>();
    private long previous;

    IterationTimer(int warmup) {
        this.warmup = warmup;
    }

    @Override
    public void onProgress(Progress progress) {
        long now = System.nanoTime();
        if (progress.iteration() > warmup) {
            seconds.add((now - previous) / 1e9);
        }
        previous = now;
    }

    double meanSeconds() {
        return seconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    double medianSeconds() {
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    double minSeconds() {
        return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    int timedIterations() {
        return seconds.size();
    }
}
