package dev.nst.http.job;

import dev.nst.core.domain.RgbImage;
import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.TransferStyleCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Sinks;

/**
 * One transfer job and everything that happens to it. Every change happens under the job's lock and is announced on
 * its event stream, which replays the latest event to whoever subscribes late. The uploaded images are held only
 * until the job starts.
 */
final class Job {

    /** The latest intermediate image of a running job. */
    record Preview(int iteration, RgbImage image) {
    }

    private final Sinks.Many<JobEvent> events = Sinks.many().replay().latest();
    private final Runnable task;
    private JobSnapshot state;
    private TransferStyleCommand command;
    private Preview preview;
    private Thread runner;
    private boolean cancelRequested;

    /** A new job, waiting for a worker; {@code work} runs it. */
    Job(String id, JobOwner owner, TransferStyleCommand command, String weights, Instant now,
        java.util.function.Consumer<Job> work) {
        this.command = command;
        this.state = new JobSnapshot(id, JobStatus.QUEUED, 0, command.settings().stages().get(0).iterations(), null,
                0, null, now, null, null, weights, null, null, owner.name().isEmpty() ? null : owner.name());
        this.task = () -> work.accept(this);
        announce(JobEvent.STATUS);
    }

    /** A job known from an earlier run of the service; it is finished. */
    Job(JobSnapshot finished) {
        this.state = finished;
        this.task = () -> { };
        announce(JobEvent.finalName(finished.status()));
        events.tryEmitComplete();
    }

    String id() {
        return state.id();
    }

    Runnable task() {
        return task;
    }

    synchronized JobSnapshot snapshot() {
        return state;
    }

    Publisher<JobEvent> events() {
        return events.asFlux();
    }

    synchronized Optional<Preview> preview() {
        return Optional.ofNullable(preview);
    }

    /** Claims the job for the calling worker; false when it was cancelled while it waited. */
    synchronized boolean start(Thread worker, Instant now) {
        if (state.status() != JobStatus.QUEUED) {
            return false;
        }
        runner = worker;
        state = with(JobStatus.RUNNING, state.iteration(), state.losses(), 0, null, now, null, null);
        announce(JobEvent.STATUS);
        return true;
    }

    /** The inputs, handed over once to the worker and then forgotten. */
    synchronized TransferStyleCommand takeCommand() {
        TransferStyleCommand taken = command;
        command = null;
        return taken;
    }

    synchronized void progress(Progress progress) {
        double seconds = progress.elapsed().toNanos() / 1e9;
        double rate = progress.iteration() > 0 && seconds > 0 ? progress.iteration() / seconds : 0;
        state = new JobSnapshot(state.id(), state.status(), progress.iteration(), progress.iterations(),
                Losses.of(progress.loss()), rate, null, state.createdAt(), state.startedAt(), null, state.weights(),
                null, JobStage.of(progress), state.owner());
        announce(JobEvent.PROGRESS);
    }

    synchronized void preview(int iteration, RgbImage image) {
        preview = new Preview(iteration, image);
    }

    synchronized boolean cancelRequested() {
        return cancelRequested;
    }

    /**
     * Cancels the job: a queued job is cancelled at once, a running one is interrupted (it stops within an
     * iteration).
     *
     * @return true if it was queued and is now cancelled
     * @throws JobStateException when it has already finished
     */
    synchronized boolean cancel(Instant now) {
        if (state.status().finished()) {
            throw JobStateException.alreadyFinished(id(), state.status());
        }
        cancelRequested = true;
        if (state.status() == JobStatus.QUEUED) {
            command = null;
            finish(JobStatus.CANCELLED, "cancelled before it started", now, null);
            return true;
        }
        if (runner != null) {
            runner.interrupt();
        }
        return false;
    }

    synchronized void succeed(Instant now, String backend) {
        finish(JobStatus.SUCCEEDED, null, now, backend);
    }

    synchronized void stop(JobStatus status, String reason, Instant now) {
        finish(status, reason, now, null);
    }

    /** The worker is done with the job: it is no longer interrupted on cancellation. */
    synchronized void detach() {
        runner = null;
    }

    /** Waits up to {@code timeout} for the job to finish; true if it has. */
    synchronized boolean awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!state.status().finished()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private void finish(JobStatus status, String reason, Instant now, String backend) {
        if (state.status().finished()) {
            return;
        }
        state = with(status, state.iteration(), state.losses(), state.itPerSecond(), reason, state.startedAt(), now,
                backend);
        preview = null;
        command = null;
        announce(JobEvent.finalName(status));
        events.tryEmitComplete();
        notifyAll();
    }

    private JobSnapshot with(JobStatus status, int iteration, Losses losses, double rate, String error,
                             Instant startedAt, Instant finishedAt, String backend) {
        return new JobSnapshot(state.id(), status, iteration, state.iterations(), losses, rate, error,
                state.createdAt(), startedAt, finishedAt, state.weights(), backend, state.stage(), state.owner());
    }

    private void announce(String name) {
        events.tryEmitNext(new JobEvent(name, state, preview == null ? -1 : preview.iteration()));
    }
}
