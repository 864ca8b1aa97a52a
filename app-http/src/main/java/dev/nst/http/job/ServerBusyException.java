package dev.nst.http.job;

import java.time.Duration;

/** The server cannot take more work now (workers and queue full, or decoders busy). */
public final class ServerBusyException extends RetryLaterException {

    public ServerBusyException(String message, Duration retryAfter) {
        super(message, retryAfter);
    }
}
