package dev.nst.core.domain;

import java.util.List;

/** The requested network weights are not present (and cannot be obtained); the message says where to put them. */
public class WeightsUnavailableException extends NstException {

    public WeightsUnavailableException(String message) {
        super(message);
    }

    public WeightsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public WeightsUnavailableException(String message, Throwable cause, List<Hint> hints) {
        super(message, cause, hints);
    }
}
