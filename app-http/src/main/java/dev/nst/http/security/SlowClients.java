package dev.nst.http.security;

import java.time.Duration;

/**
 * How long a client may take to send a request: its headers within {@code headerTimeout} of the connection's last
 * answer (or its opening), and its body at least at {@code minBodyRate} bytes a second once {@code headerTimeout}
 * has passed since the headers. A client that drips its request a byte at a time is cut off instead of holding a
 * connection (and the memory of a half-read upload) for as long as it likes. Answers being sent, however long (an
 * event stream), are not timed.
 */
public record SlowClients(Duration headerTimeout, long minBodyRate) {

    public SlowClients {
        if (headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new IllegalArgumentException("nst.http.request-header-timeout must be positive");
        }
        if (minBodyRate < 1) {
            throw new IllegalArgumentException("nst.http.min-upload-rate must be at least 1 byte a second");
        }
    }

    /** What the connection is doing, as the guard sees it. */
    enum Phase { WAITING_FOR_HEADERS, READING_BODY, ANSWERING }

    /**
     * Why the connection should be closed at {@code nowNanos}, or null while it may go on.
     *
     * @param since     when the phase began
     * @param bodyBytes the body bytes received in {@link Phase#READING_BODY}
     */
    String verdict(Phase phase, long since, long bodyBytes, long nowNanos) {
        long elapsed = nowNanos - since;
        return switch (phase) {
            case WAITING_FOR_HEADERS -> elapsed > headerTimeout.toNanos()
                    ? "no complete request headers within " + headerTimeout.toSeconds() + " s" : null;
            case READING_BODY -> elapsed > headerTimeout.toNanos() + bodyBytes * 1_000_000_000L / minBodyRate
                    ? "its upload came slower than " + minBodyRate + " bytes a second (" + bodyBytes + " bytes in "
                    + elapsed / 1_000_000_000L + " s)" : null;
            case ANSWERING -> null;
        };
    }
}
