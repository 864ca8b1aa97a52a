package dev.nst.http.job;

import java.time.Duration;

/** The submitting key already has as many jobs running and queued as it may; it can try again when one ends. */
public final class OwnerLimitException extends RetryLaterException {

    public OwnerLimitException(String message, Duration retryAfter) {
        super(message, retryAfter);
    }
}
