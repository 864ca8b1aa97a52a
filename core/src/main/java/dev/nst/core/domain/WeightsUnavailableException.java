package dev.nst.core.domain;

/** The requested network weights are not present (and cannot be obtained); the message says where to put them. */
public class WeightsUnavailableException extends NstException {

    public WeightsUnavailableException(String message) {
        super(message);
    }

    public WeightsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
