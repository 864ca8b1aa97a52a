package dev.nst.http.api;

import dev.nst.http.job.MemoryAdmission;
import java.time.Duration;

/**
 * The Java heap that decoding uploads may take at once. Each decode reserves what its header says it will need
 * ({@link dev.nst.core.image.ImageInfo#decodingBytes}) before a pixel is read; reservations are granted in the order
 * they were asked for, so a large picture is not starved by a stream of small ones. The line is the jobs' own
 * {@link MemoryAdmission}, with the decode budget as its only limit.
 */
public final class DecodeMemory {

    private static final long MIB = 1L << 20;

    private final long budget;
    private final MemoryAdmission line;

    /** @param budget bytes of heap that decodes may hold together */
    public DecodeMemory(long budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("nst.limits.decode-memory must be positive");
        }
        this.budget = budget;
        this.line = new MemoryAdmission(null, budget, Long.MAX_VALUE);
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
        long deadline = System.nanoTime() + patience.toNanos();
        MemoryAdmission.Reservation reservation = new MemoryAdmission.Reservation(bytes, 0);
        if (!line.acquire(line.queue(reservation, () -> System.nanoTime() > deadline))) {
            return null;
        }
        return () -> line.release(reservation);
    }

    long reserved() {
        return line.reservedBytes();
    }
}
