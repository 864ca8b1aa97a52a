package dev.nst.http.api;

import dev.nst.http.job.JobSnapshot;
import dev.nst.http.job.JobStage;
import dev.nst.http.job.JobStatus;
import dev.nst.http.job.Losses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A job as clients see it.
 *
 * @param loss      the total loss at {@code iteration}; {@code losses} has its terms
 * @param error     why it failed or was cancelled
 * @param expiresAt when a finished job and its result will be deleted
 * @param stage     the stage {@code iteration} is in, once the job has made progress
 */
@Serdeable
public record TransferView(String id, JobStatus status, int iteration, int iterations, @Nullable Double loss,
                           @Nullable Losses losses, double itPerSecond, @Nullable String error, Instant createdAt,
                           @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable Instant expiresAt,
                           String weights, @Nullable String backend, @Nullable JobStage stage, Links links) {

    /** Where to find more about the job. */
    @Serdeable
    public record Links(String self, String events, String preview, String result) {
    }

    static String location(String id) {
        return "/api/transfers/" + id;
    }

    static TransferView of(JobSnapshot job, @Nullable Instant expiresAt) {
        String self = location(job.id());
        return new TransferView(job.id(), job.status(), job.iteration(), job.iterations(),
                job.losses() == null ? null : job.losses().total(), job.losses(), job.itPerSecond(), job.error(),
                job.createdAt(), job.startedAt(), job.finishedAt(), expiresAt, job.weights(), job.backend(), job.stage(),
                new Links(self, self + "/events", self + "/preview", self + "/result"));
    }
}
