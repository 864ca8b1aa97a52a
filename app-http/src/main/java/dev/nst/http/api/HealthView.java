package dev.nst.http.api;

import io.micronaut.core.annotation.Nullable;
import dev.nst.http.job.WorkerInfo;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /health}: UP when a compute backend runs, DOWN (with the reason) when none can.
 *
 * @param weights the weights jobs use unless a request names others
 * @param workers with a job database: the nodes that run jobs and reported recently (absent otherwise)
 */
@Serdeable
public record HealthView(String status, Backend backend, Jobs jobs, String weights,
                         @Nullable List<Worker> workers) {

    /** A node that runs jobs: its name, host, backend, how many jobs it runs of how many it may, when last seen. */
    @Serdeable
    public record Worker(String id, String host, String backend, int slots, int running, Instant lastSeen) {
        static Worker of(WorkerInfo info) {
            return new Worker(info.id(), info.host(), info.backend(), info.slots(), info.running(), info.lastSeen());
        }
    }

    /** The backend, what it runs on or why it cannot, and what {@code auto} passed over. */
    @Serdeable
    public record Backend(String name, String status, String detail, @Nullable String notice) {
    }

    /**
     * Workers, jobs running and waiting, the queue's size, and the memory the running jobs hold of what they may hold
     * together (by their plans; 0 of 0 on a device backend, which runs one job at a time).
     */
    @Serdeable
    public record Jobs(int workers, int running, int queued, int queueSize, long memoryReservedMiB,
                       long memoryBudgetMiB) {
    }
}
