package dev.nst.http.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The Java heap that decoding uploads may take at once. Each decode reserves what its header says it will need
 * ({@link dev.nst.core.image.ImageInfo#decodingBytes}) before a pixel is read; reservations are granted in the order
 * they were asked for, so a large picture is not starved by a stream of small ones.
 */
public final class DecodeMemory {

    private static final long MIB = 1L << 20;

    private final long budget;
    private final Deque<Object> waiting = new ArrayDeque<>();
    private long reserved;

    /** @param budget bytes of heap that decodes may hold together */
    public DecodeMemory(long budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("nst.limits.decode-memory must be positive");
        }
        this.budget = budget;
    }

    /**
     * Three quarters of the largest heap this JVM may grow to, less 64 MiB for the service itself: what is left for
     * the jobs' pictures, previews and results.
     */
    public static DecodeMemory ofHeap(long maxHeap) {
        return new DecodeMemory(Math.max(32 * MIB, maxHeap / 4 * 3 - 64 * MIB));
    }

    public long budget() {
        return budget;
    }

    /** What a granted reservation gives back when closed. */
    interface Reservation extends AutoCloseable {
        @Override
        void close();
    }

    /** Whether {@code bytes} could ever be granted. */
    boolean canEverFit(long bytes) {
        return bytes <= budget;
    }

    /**
     * Waits up to {@code patience} for {@code bytes} to fit beside the decodes before it; null if they did not.
     *
     * @throws IllegalArgumentException when {@code bytes} can never fit
     */
    Reservation reserve(long bytes, Duration patience) throws InterruptedException {
        if (!canEverFit(bytes)) {
            throw new IllegalArgumentException(bytes + " bytes exceed the whole budget of " + budget);
        }
        Object ticket = new Object();
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (this) {
            waiting.addLast(ticket);
            try {
                while (waiting.peekFirst() != ticket || reserved + bytes > budget) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
                reserved += bytes;
            } finally {
                waiting.remove(ticket);
                notifyAll();
            }
        }
        return () -> release(bytes);
    }

    synchronized long reserved() {
        return reserved;
    }

    private synchronized void release(long bytes) {
        reserved -= bytes;
        notifyAll();
    }
}
