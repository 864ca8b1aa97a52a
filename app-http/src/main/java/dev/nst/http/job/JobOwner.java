package dev.nst.http.job;

import java.util.OptionalInt;

/**
 * Who a job belongs to: the name of the API key that submitted it (another key does not see it), and that key's
 * limit on its running and queued jobs. Without keys every job belongs to {@link #ANONYMOUS}.
 */
public record JobOwner(String name, OptionalInt maxJobs) {

    public static final JobOwner ANONYMOUS = new JobOwner("", OptionalInt.empty());

    public JobOwner {
        if (name == null) {
            throw new IllegalArgumentException("an owner has a name ('' for anonymous)");
        }
    }

    /** Whether {@code job} (recorded with its owner's name, null for anonymous) is this owner's. */
    boolean owns(JobSnapshot job) {
        return name.equals(job.owner() == null ? "" : job.owner());
    }
}
