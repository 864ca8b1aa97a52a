package dev.nst.http.job;

/** The job is not in a state that allows what was asked (no result yet, already finished). */
public final class JobStateException extends RuntimeException {

    public JobStateException(String message) {
        super(message);
    }
}
