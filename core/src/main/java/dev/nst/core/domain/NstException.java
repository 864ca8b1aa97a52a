package dev.nst.core.domain;

import java.util.List;

/**
 * The one failure type that crosses the core boundary. Adapters map its subclasses to exit codes and HTTP
 * statuses. The message is neutral: it never names an adapter's option or field. What a user can do about it comes
 * as {@link #hints()}, which each adapter words for its users, and {@link InvalidInputException} says which
 * {@link Setting} is at fault.
 */
public abstract class NstException extends RuntimeException {

    private final List<Hint> hints;

    protected NstException(String message, List<Hint> hints) {
        super(message);
        this.hints = List.copyOf(hints);
    }

    protected NstException(String message, Throwable cause, List<Hint> hints) {
        super(message, cause);
        this.hints = List.copyOf(hints);
    }

    protected NstException(String message) {
        this(message, List.of());
    }

    protected NstException(String message, Throwable cause) {
        this(message, cause, List.of());
    }

    /** What the user can do about it, in order of preference; empty when there is nothing to advise. */
    public List<Hint> hints() {
        return hints;
    }
}
