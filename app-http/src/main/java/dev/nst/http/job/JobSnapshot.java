package dev.nst.http.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A job's state at one moment; also what is kept on disk for it (one small JSON file).
 *
 * @param iteration   the latest evaluated iteration of its stage (0 is the stage's initial image)
 * @param iterations  the iterations of that stage (of the whole transfer, for a transfer of one stage)
 * @param losses      the losses at {@code iteration}, absent before the first evaluation
 * @param itPerSecond iterations per second so far
 * @param error       why the job failed or was cancelled
 * @param weights     the weights it runs with, e.g. {@code vgg19} or {@code random:7}
 * @param backend     what ran it, once it has run
 * @param stage       the stage {@code iteration} belongs to, once the job has made progress
 * @param owner       the name of the API key that submitted it; null (or empty) when the service has no keys
 */
@Serdeable
public record JobSnapshot(String id, JobStatus status, int iteration, int iterations, @Nullable Losses losses,
                          double itPerSecond, @Nullable String error, Instant createdAt, @Nullable Instant startedAt,
                          @Nullable Instant finishedAt, String weights, @Nullable String backend,
                          @Nullable JobStage stage, @Nullable String owner) {

    /** The same job, stopped for {@code reason} at {@code when}. */
    JobSnapshot failed(String reason, Instant when) {
        return new JobSnapshot(id, JobStatus.FAILED, iteration, iterations, losses, itPerSecond, reason, createdAt,
                startedAt, when, weights, backend, stage, owner);
    }
}
