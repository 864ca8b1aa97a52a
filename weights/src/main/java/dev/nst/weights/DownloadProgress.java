package dev.nst.weights;

import java.net.URI;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * How far a download has come.
 *
 * @param bytes       bytes of the file on disk so far, resumed ones included
 * @param total       the file's size when the server says it
 * @param resumedFrom bytes already on disk when this transfer started (0 for a fresh download)
 * @param elapsed     time since this transfer started
 * @param done        whether every byte has arrived
 */
public record DownloadProgress(URI uri, long bytes, OptionalLong total, long resumedFrom, Duration elapsed,
                               boolean done) {

    /** Bytes per second over this transfer (resumed bytes do not count). */
    public double bytesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? (bytes - resumedFrom) / seconds : 0;
    }
}
