package dev.nst.http.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code GET /health}: UP when a compute backend runs, DOWN (with the reason) when none can.
 *
 * @param weights the weights jobs use unless a request names others
 */
@Serdeable
public record HealthView(String status, Backend backend, Jobs jobs, String weights) {

    /** The backend, what it runs on or why it cannot, and what {@code auto} passed over. */
    @Serdeable
    public record Backend(String name, String status, String detail, @Nullable String notice) {
    }

    /** Workers, jobs running and waiting, and the queue's size. */
    @Serdeable
    public record Jobs(int workers, int running, int queued, int queueSize) {
    }
}
