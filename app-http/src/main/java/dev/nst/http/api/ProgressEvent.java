package dev.nst.http.api;

import dev.nst.http.job.JobSnapshot;
import dev.nst.http.job.JobStage;
import dev.nst.http.job.JobStatus;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The data of a {@code progress} event: the losses at {@code iteration} of {@code iterations} in stage {@code stage}
 * of {@code stages} (1 of 1 for a transfer of one stage), at {@code size} px.
 *
 * @param previewIteration the iteration of the latest preview image, -1 while there is none
 */
@Serdeable
public record ProgressEvent(String id, JobStatus status, int stage, int stages, int size, int iteration,
                            int iterations, double loss, double content, double style, double tv, double itPerSecond,
                            int previewIteration) {

    static ProgressEvent of(JobSnapshot job, int previewIteration) {
        JobStage stage = job.stage() == null ? new JobStage(1, 1, 0) : job.stage();
        return new ProgressEvent(job.id(), job.status(), stage.index(), stage.count(), stage.size(), job.iteration(),
                job.iterations(), job.losses().total(), job.losses().content(), job.losses().style(), job.losses().tv(),
                job.itPerSecond(), previewIteration);
    }
}
