package dev.nst.core.domain;

/** A compute backend that was asked for cannot run here; the message says why and what to install. */
public class BackendUnavailableException extends NstException {

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
