package dev.nst.core.domain;

import java.util.List;

/** The transfer could not complete for a reason that is not the user's input, e.g. not enough memory. */
public class TransferFailedException extends NstException {

    public TransferFailedException(String message) {
        super(message);
    }

    public TransferFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure the user can do something about: {@code hints} say what. */
    public TransferFailedException(String message, List<Hint> hints) {
        super(message, hints);
    }

    public TransferFailedException(String message, Throwable cause, List<Hint> hints) {
        super(message, cause, hints);
    }

    /** Memory ran out: {@code message} says how much was needed; the hint is to ask for a smaller image. */
    public static TransferFailedException outOfMemory(String message, Throwable cause) {
        return new TransferFailedException(message, cause, List.of(Hint.reduceSize()));
    }
}
