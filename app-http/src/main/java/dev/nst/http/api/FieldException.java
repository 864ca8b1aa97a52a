package dev.nst.http.api;

import dev.nst.core.domain.InvalidInputException;

/** Bad input in one part of a request; {@code field} names the part. */
public final class FieldException extends InvalidInputException {

    private final String field;

    public FieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public FieldException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
