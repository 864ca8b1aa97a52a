package dev.nst.http.job;

/**
 * Something that happened to a job: {@code status} (queued, started), {@code progress} (an iteration was evaluated),
 * or the final {@code done}, {@code failed} or {@code cancelled}.
 */
public record JobEvent(String name, JobSnapshot job, int previewIteration) {

    public static final String STATUS = "status";
    public static final String PROGRESS = "progress";

    public boolean isFinal() {
        return job.status().finished();
    }

    static String finalName(JobStatus status) {
        return switch (status) {
            case SUCCEEDED -> "done";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            default -> STATUS;
        };
    }
}
