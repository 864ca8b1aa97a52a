package dev.nst.http.job;

import java.time.Duration;

/** The server cannot take more work now (workers and queue full); the client should come back after {@code retryAfter}. */
public final class ServerBusyException extends RuntimeException {

    private final Duration retryAfter;

    public ServerBusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
