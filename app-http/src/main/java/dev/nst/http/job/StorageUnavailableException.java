package dev.nst.http.job;

import java.time.Duration;

/**
 * The server cannot keep a result now: its data folder is full or cannot be written. The message says which, never
 * where the folder is.
 */
public final class StorageUnavailableException extends RetryLaterException {

    public StorageUnavailableException(String message, Duration retryAfter) {
        super(message, retryAfter);
    }
}
