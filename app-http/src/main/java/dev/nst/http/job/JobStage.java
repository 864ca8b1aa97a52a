package dev.nst.http.job;

import dev.nst.core.port.in.Progress;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Where a running job is in its stages: stage {@code index} of {@code count}, at {@code size} px on the longer side
 * (a transfer of one stage is stage 1 of 1).
 */
@Serdeable
public record JobStage(int index, int count, int size) {

    static JobStage of(Progress progress) {
        return new JobStage(progress.stage(), progress.stages(), progress.size());
    }
}
