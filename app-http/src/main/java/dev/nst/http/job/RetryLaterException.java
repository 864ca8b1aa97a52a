package dev.nst.http.job;

import java.time.Duration;

/**
 * A request the service cannot take now but may take later: the client should come back after {@code retryAfter}.
 * Each subclass says why.
 */
public abstract class RetryLaterException extends RuntimeException {

    private final Duration retryAfter;

    protected RetryLaterException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
