package dev.nst.http.job;

import java.time.Duration;

/**
 * The server cannot keep a result now: its data folder is full or cannot be written. The message says which, never
 * where the folder is; the client may try again after {@code retryAfter}.
 */
public final class StorageUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public StorageUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
