package dev.nst.core.domain;

import java.util.List;
import java.util.Locale;

/**
 * A transfer that its memory plan says cannot fit, refused before it starts: what it would need, of which memory,
 * what is available, and as {@link #hints()} the settings that would fit.
 */
public class InsufficientMemoryException extends TransferFailedException {

    private final MemoryKind memory;
    private final long neededBytes;
    private final long availableBytes;

    /**
     * @param where where in the transfer the peak falls, e.g. {@code at 4000x3000 px} or {@code in stage 3 of 4
     *              (4000x3000 px)}
     */
    public InsufficientMemoryException(MemoryKind memory, long neededBytes, long availableBytes, String where,
                                       List<Hint> hints) {
        super(String.format(Locale.ROOT, "not enough %s: the transfer needs about %s %s, but %s %s available",
                memory.label(), formatBytes(neededBytes), where, formatBytes(availableBytes),
                availableBytes == 1 ? "is" : "are"), hints);
        this.memory = memory;
        this.neededBytes = neededBytes;
        this.availableBytes = availableBytes;
    }

    public MemoryKind memory() {
        return memory;
    }

    public long neededBytes() {
        return neededBytes;
    }

    public long availableBytes() {
        return availableBytes;
    }

    /** {@code 812 MiB}, {@code 9.8 GiB}. */
    public static String formatBytes(long bytes) {
        double mib = bytes / (double) (1L << 20);
        if (mib < 1024) {
            return String.format(Locale.ROOT, "%.0f MiB", mib);
        }
        return String.format(Locale.ROOT, "%.1f GiB", mib / 1024);
    }
}
