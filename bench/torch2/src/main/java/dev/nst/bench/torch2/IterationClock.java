package dev.nst.bench.torch2;

import java.util.ArrayList;
import java.util.List;

/**
 * Wall time between the ends of consecutive evaluations, i.e. the time of each iteration (optimiser step and
 * evaluation), the first {@code warmup} left out: what {@code nst bench}'s {@code IterationTimer} measures.
 */
final class IterationClock {

    private final int warmup;
    private final List<Double> seconds = new ArrayList<>();
    private long previous;

    IterationClock(int warmup) {
        this.warmup = warmup;
    }

    /** Called when iteration {@code iteration} (from 0, the initial image) has been evaluated. */
    void evaluated(int iteration) {
        long now = System.nanoTime();
        if (iteration > warmup) {
            seconds.add((now - previous) / 1e9);
        }
        previous = now;
    }

    int timedIterations() {
        return seconds.size();
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
}
