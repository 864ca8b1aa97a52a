package dev.nst.http.api;

import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.http.engine.TransferEngine;
import dev.nst.http.job.JobEvent;
import dev.nst.http.job.JobOwner;
import dev.nst.http.job.JobSnapshot;
import dev.nst.http.job.JobStateException;
import dev.nst.http.job.JobBoard;
import dev.nst.http.job.JobInput;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.http.sse.Event;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** {@code /api/transfers}: submit, watch, fetch and cancel style transfer jobs. Parse, command, job service, map. */
@Controller("/api/transfers")
final class TransfersController {

    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

    private final JobBoard jobs;
    private final TransferEngine engine;
    private final TransferRequests requests;

    TransfersController(JobBoard jobs, TransferEngine engine, RequestLimits limits, UploadedImages images) {
        this.jobs = jobs;
        this.engine = engine;
        this.requests = new TransferRequests(limits, images, engine.defaultWeights());
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<TransferView> submit(@Body MultipartBody body, @Nullable Authentication key) {
        List<FormPart> parts = Flux.from(body).map(TransfersController::part).collectList().block();
        TransferStyleCommand command = requests.parse(parts);
        engine.requireWeights(command.settings().weights());
        JobSnapshot job = jobs.submit(command, inputs(parts), TransferRequests.describeWeights(command.settings()),
                Owners.of(key));
        return HttpResponse.accepted(URI.create(TransferView.location(job.id()))).body(view(job));
    }

    @Get("/{id}")
    TransferView get(String id, @Nullable Authentication key) {
        return view(jobs.get(id, Owners.of(key)));
    }

    @Get(value = "/{id}/result", produces = MediaType.IMAGE_PNG)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<byte[]> result(String id, @Nullable Authentication key) {
        return HttpResponse.ok(jobs.result(id, Owners.of(key))).contentType(MediaType.IMAGE_PNG_TYPE)
                .header("Content-Disposition", "inline; filename=\"nst-" + id + ".png\"");
    }

    @Get(value = "/{id}/preview", produces = MediaType.IMAGE_PNG)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<byte[]> preview(String id, @Nullable Authentication key) {
        JobOwner owner = Owners.of(key);
        JobBoard.Preview preview = jobs.preview(id, owner).orElseThrow(() -> new JobStateException(
                "transfer " + id + " has no preview yet (" + jobs.get(id, owner).status() + ")"));
        return HttpResponse.ok(preview.png()).contentType(MediaType.IMAGE_PNG_TYPE)
                .header("X-Iteration", Integer.toString(preview.iteration()))
                .header("Cache-Control", "no-store");
    }

    @Get(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<Object>> events(String id, @Nullable Authentication key) {
        return Flux.from(jobs.events(id, Owners.of(key))).onBackpressureLatest().map(this::event);
    }

    @Delete("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<TransferView> cancel(String id, @Nullable Authentication key) {
        JobSnapshot job = jobs.cancel(id, Owners.of(key), CANCEL_WAIT);
        return job.status().finished() ? HttpResponse.ok(view(job)) : HttpResponse.<TransferView>accepted().body(view(job));
    }

    /** A part without {@code name="..."} in its Content-Disposition cannot be told apart from any other. */
    static void requireName(CompletedPart part) {
        if (part.getName() == null || part.getName().isBlank()) {
            throw new FieldException(null, FormPart.NAMELESS);
        }
    }

    private Event<Object> event(JobEvent event) {
        Object data = event.name().equals(JobEvent.PROGRESS)
                ? ProgressEvent.of(event.job(), event.previewIteration()) : view(event.job());
        return Event.of(data).name(event.name());
    }

    private TransferView view(JobSnapshot job) {
        return TransferView.of(job, jobs.expiry(job));
    }

    /** The parts as they came, kept for a worker on another machine (a job database) to read again. */
    private static List<JobInput> inputs(List<FormPart> parts) {
        return parts.stream().map(part -> new JobInput(part.name(), part.filename().orElse(null), part.bytes()))
                .toList();
    }

    private static FormPart part(CompletedPart part) {
        requireName(part);
        try {
            return part instanceof CompletedFileUpload upload
                    ? FormPart.file(part.getName(), upload.getFilename() == null ? "" : upload.getFilename(), part.getBytes())
                    : new FormPart(part.getName(), Optional.empty(), part.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
