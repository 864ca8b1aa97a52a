package dev.nst.core.domain;

/**
 * The one failure type that crosses the core boundary. Adapters map its subclasses to exit codes and HTTP
 * statuses; the message is written for the user and never needs a stack trace to be understood.
 */
public abstract class NstException extends RuntimeException {

    protected NstException(String message) {
        super(message);
    }

    protected NstException(String message, Throwable cause) {
        super(message, cause);
    }
}
