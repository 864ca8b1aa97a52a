package dev.nst.http.job;

import dev.nst.core.port.in.TransferStyleCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Where the API puts transfers and finds them again: on this machine ({@link TransferJobs}, the default) or shared
 * by API nodes and workers in PostgreSQL ({@link ClusterJobs}). A job is visible to its owner only: another owner's
 * job is unknown.
 */
public interface JobBoard {

    /** Counts for health and the page: workers, running, waiting, room in the queue, memory held and budgeted. */
    record Load(int workers, int running, int queued, int queueSize, long memoryReserved, long memoryBudget) {
    }

    /** An intermediate image (or the result), encoded, with its iteration. */
    record Preview(int iteration, byte[] png) {
    }

    /**
     * Accepts a transfer for {@code owner}.
     *
     * @param command what to run, already checked
     * @param inputs  the request's parts as they came, for a worker on another machine to read again
     * @param weights how the job's weights are described to the client, e.g. {@code random:7}
     * @throws ServerBusyException                               when the queue is full
     * @throws OwnerLimitException                               when the owner has as many jobs as it may
     * @throws StorageUnavailableException                       when results cannot be kept now
     * @throws dev.nst.core.domain.InsufficientMemoryException when the transfer can never fit
     */
    JobSnapshot submit(TransferStyleCommand command, List<JobInput> inputs, String weights, JobOwner owner);

    /** @throws UnknownJobException for an id that is no job of {@code owner}'s */
    JobSnapshot get(String id, JobOwner owner);

    /** The job's events: the latest one first, then each as it happens, ending with the final one. */
    Publisher<JobEvent> events(String id, JobOwner owner);

    /** The result PNG of a SUCCEEDED job. @throws JobStateException before */
    byte[] result(String id, JobOwner owner);

    /** The latest intermediate image, the result once the job has succeeded; empty while there is none. */
    Optional<Preview> preview(String id, JobOwner owner);

    /**
     * Cancels a queued job at once, or stops a running one and waits up to {@code wait} for it.
     *
     * @throws JobStateException when the job has already finished
     */
    JobSnapshot cancel(String id, JobOwner owner, Duration wait);

    /** Forgets finished jobs whose time to live has passed at {@code now}; how many. */
    int sweepExpired(Instant now);

    /** When a finished job will be removed; null while it runs. */
    Instant expiry(JobSnapshot job);

    Load load();

    /** The nodes that run jobs, as they last reported (empty for jobs run in this process). */
    default List<WorkerInfo> workers() {
        return List.of();
    }
}
