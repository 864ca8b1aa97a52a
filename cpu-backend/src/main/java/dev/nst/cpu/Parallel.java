package dev.nst.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * Data-parallel loops over element ranges on a pool of the backend's threads. Ranges are cut into fixed-size chunks
 * and reductions add the chunks' partial sums in chunk order, so results never depend on scheduling or thread count.
 */
final class Parallel implements AutoCloseable {

    /** Elements per chunk: large enough to amortise scheduling, small enough to balance two to sixteen threads. */
    static final int CHUNK = 1 << 15;

    private final ForkJoinPool pool;
    private final int threads;

    Parallel(int threads) {
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    int threads() {
        return threads;
    }

    /** Calls {@code body} for every task index {@code 0 .. tasks-1}, spreading the tasks over the threads. */
    void forEach(int tasks, IntConsumer body) {
        if (pool == null || tasks == 1) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        pool.invoke(new Tasks(0, tasks, body));
    }

    /** Calls {@code body} for every chunk index {@code 0 .. chunks(n)-1}. */
    void forEachChunk(int n, IntConsumer body) {
        forEach(chunks(n), body);
    }

    /** Applies {@code range(from, to)} to every chunk of {@code [0, n)}. */
    void forRange(int n, RangeBody range) {
        forEachChunk(n, c -> range.apply(c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    }

    /** The sum over {@code [0, n)} of {@code range(from, to)}, added in chunk order. */
    double sum(int n, RangeSum range) {
        double[] partial = new double[chunks(n)];
        forEachChunk(n, c -> partial[c] = range.apply(c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return total;
    }

    static int chunks(int n) {
        return Math.max(1, (n + CHUNK - 1) / CHUNK);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface RangeBody {
        void apply(int from, int to);
    }

    @FunctionalInterface
    interface RangeSum {
        double apply(int from, int to);
    }

    private static final class Tasks extends RecursiveAction {
        private final int from;
        private final int to;
        private final IntConsumer body;

        Tasks(int from, int to, IntConsumer body) {
            this.from = from;
            this.to = to;
            this.body = body;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                body.accept(from);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Tasks(from, mid, body), new Tasks(mid, to, body));
        }
    }
}
