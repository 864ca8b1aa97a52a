package dev.nst.core.domain;

/** The transfer could not complete for a reason that is not the user's input, e.g. not enough memory. */
public class TransferFailedException extends NstException {

    public TransferFailedException(String message) {
        super(message);
    }

    public TransferFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
