package dev.nst.http.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Every error answer: what went wrong, for a person, and the request part it is about, if any.
 */
@Serdeable
public record ErrorBody(String error, @Nullable String field) {

    public static ErrorBody of(String error) {
        return new ErrorBody(error, null);
    }
}
