package dev.nst.core.domain;

/** Bad input from the user: a missing or corrupt image, a nonsensical number, an unknown layer or option value. */
public class InvalidInputException extends NstException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
