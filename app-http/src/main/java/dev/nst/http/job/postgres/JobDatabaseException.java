package dev.nst.http.job.postgres;

/** PostgreSQL could not be reached or refused a statement; the message is for the log, not for clients. */
public final class JobDatabaseException extends RuntimeException {

    public JobDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
