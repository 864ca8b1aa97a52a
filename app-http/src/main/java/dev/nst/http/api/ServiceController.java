package dev.nst.http.api;

import dev.nst.http.engine.TransferEngine;
import dev.nst.http.job.JobBoard;
import dev.nst.http.job.WorkerInfo;
import java.util.List;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** The service itself: whether it can run transfers, and what a request may ask for. */
@Controller
final class ServiceController {

    private final TransferEngine engine;
    private final JobBoard jobs;
    private final RequestLimits limits;

    ServiceController(TransferEngine engine, JobBoard jobs, RequestLimits limits) {
        this.engine = engine;
        this.jobs = jobs;
        this.limits = limits;
    }

    /** UP (200) when a backend runs, DOWN (503) with the reason when none can. */
    @Get("/health")
    HttpResponse<HealthView> health() {
        TransferEngine.Status backend = engine.status();
        JobBoard.Load load = jobs.load();
        List<WorkerInfo> workers = jobs.workers();
        String status = backend.up() ? "UP" : "DOWN";
        HealthView view = new HealthView(status,
                new HealthView.Backend(backend.backend(), status, backend.detail(), backend.notice().orElse(null)),
                new HealthView.Jobs(load.workers(), load.running(), load.queued(), load.queueSize(),
                        load.memoryReserved() >> 20, load.memoryBudget() == Long.MAX_VALUE ? 0
                        : load.memoryBudget() >> 20),
                TransferRequests.publicName(engine.defaultWeights()),
                workers.isEmpty() ? null : workers.stream().map(HealthView.Worker::of).toList());
        return HttpResponse.status(backend.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(view);
    }

    @Get("/api/limits")
    LimitsView limits() {
        return new LimitsView(limits.maxUploadBytes(), limits.maxPixels(), limits.maxSide(), limits.maxSize(),
                limits.maxIterations(), limits.maxStyles(), TransferRequests.publicName(engine.defaultWeights()));
    }
}
