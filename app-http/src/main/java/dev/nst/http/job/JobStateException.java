package dev.nst.http.job;

/** The job is not in a state that allows what was asked (no result yet, already finished). */
public final class JobStateException extends RuntimeException {

    public JobStateException(String message) {
        super(message);
    }

    /** Asked for the result of a job that has not SUCCEEDED. */
    static JobStateException noResult(String id, JobStatus status) {
        return new JobStateException("transfer " + id + " is " + status + "; the result is there once it has"
                + " SUCCEEDED");
    }

    /** Asked to cancel a job that has already finished. */
    static JobStateException alreadyFinished(String id, JobStatus status) {
        return new JobStateException("transfer " + id + " has already finished (" + status + "); there is nothing"
                + " to cancel");
    }
}
