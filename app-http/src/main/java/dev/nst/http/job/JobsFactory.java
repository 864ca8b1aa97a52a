package dev.nst.http.job;

import dev.nst.http.engine.TransferEngine;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.json.JsonMapper;
import java.time.Clock;

/** Wires the job service to the engine and to its folder under the data directory. */
@Factory
final class JobsFactory {

    /** Created at start-up, so that jobs a restart interrupted are recorded before the first request. */
    @Context
    @Bean(preDestroy = "close")
    TransferJobs transferJobs(TransferEngine engine, JobSettings settings, JsonMapper json) {
        MemoryAdmission admission = engine.exclusiveDevice() ? MemoryAdmission.unlimited()
                : new MemoryAdmission(engine::planner, engine.jobMemoryBytes(), engine.memory().maxHeapBytes());
        return new TransferJobs(engine::useCase, engine.exclusiveDevice(), engine.threadsPerJob(), admission,
                new JobStore(settings.dataDir().resolve("jobs"), json, settings.minFreeSpace()), settings, Clock.systemUTC());
    }
}
