package dev.nst.http.api;

import dev.nst.http.job.JobSnapshot;
import dev.nst.http.job.JobStatus;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The data of a {@code progress} event: the losses at {@code iteration} of {@code iterations}.
 *
 * @param previewIteration the iteration of the latest preview image, -1 while there is none
 */
@Serdeable
public record ProgressEvent(String id, JobStatus status, int iteration, int iterations, double loss, double content,
                            double style, double tv, double itPerSecond, int previewIteration) {

    static ProgressEvent of(JobSnapshot job, int previewIteration) {
        return new ProgressEvent(job.id(), job.status(), job.iteration(), job.iterations(), job.losses().total(),
                job.losses().content(), job.losses().style(), job.losses().tv(), job.itPerSecond(), previewIteration);
    }
}
