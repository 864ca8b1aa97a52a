package dev.nst.http.job.postgres;

import dev.nst.http.job.JobStage;
import dev.nst.http.job.Losses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** What a job's {@code progress} column holds: the parts of its state that only its worker changes. */
@Serdeable
record StoredProgress(int iteration, int iterations, @Nullable Losses losses, double itPerSecond,
                      @Nullable JobStage stage) {
}
