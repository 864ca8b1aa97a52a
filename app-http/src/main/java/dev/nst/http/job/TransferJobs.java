package dev.nst.http.job;

import dev.nst.core.domain.NstException;
import dev.nst.core.image.ImageFiles;
import dev.nst.core.image.ImageFormat;
import dev.nst.core.image.OutputOptions;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.port.in.TransferStyleUseCase;
import dev.nst.http.wording.ApiWording;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs transfers as jobs on a bounded pool: at most {@code workers} at a time and, on the CPU, only as many as their
 * memory plans fit the server's budget together ({@link MemoryAdmission}); at most {@code queueSize} waiting; a
 * submission beyond that is refused, never piled up, and one that can never fit is refused naming what would.
 * Finished jobs are kept on disk (record and result) until they expire, and survive a restart; jobs a restart
 * interrupted are recorded as FAILED with that reason.
 */
public final class TransferJobs implements JobBoard, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransferJobs.class);
    static final String RESTARTED_WHILE_RUNNING = "interrupted by a restart of the server; submit it again";
    static final String RESTARTED_WHILE_QUEUED = "interrupted by a restart of the server before it started (queued"
            + " uploads are not kept across restarts); submit it again";

    private final Supplier<TransferStyleUseCase> useCase;
    private final JobStore store;
    private final JobSettings settings;
    private final Clock clock;
    private final int workers;
    private final MemoryAdmission admission;
    private final ThreadPoolExecutor executor;
    private final ConcurrentMap<String, Job> jobs = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /**
     * @param useCase         the transfer, or a {@link dev.nst.core.domain.BackendUnavailableException} when no
     *                        backend runs
     * @param exclusiveDevice whether the backend drives one device (then one job runs at a time, whatever
     *                        {@code settings.workers()} says)
     */
    TransferJobs(Supplier<TransferStyleUseCase> useCase, boolean exclusiveDevice, JobStore store,
                 JobSettings settings, Clock clock) {
        this(useCase, exclusiveDevice, Runtime.getRuntime().availableProcessors(), MemoryAdmission.unlimited(), store,
                settings, clock);
    }

    /**
     * @param threadsPerJob the CPU threads each job computes on: with {@code nst.http.workers} 0, as many jobs run at
     *                      once as the cores hold ({@code cores / threadsPerJob}, at least one), within the memory
     * @param admission     what decides, by their plans, whether a job fits the server and when it may start
     */
    TransferJobs(Supplier<TransferStyleUseCase> useCase, boolean exclusiveDevice, int threadsPerJob,
                 MemoryAdmission admission, JobStore store, JobSettings settings, Clock clock) {
        this.useCase = useCase;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.admission = admission;
        int cores = Runtime.getRuntime().availableProcessors();
        int requested = settings.workers() > 0 ? settings.workers() : Math.max(1, cores / Math.max(1, threadsPerJob));
        this.workers = exclusiveDevice ? 1 : requested;
        if (exclusiveDevice && settings.workers() > 1) {
            LOG.info("running one job at a time on the device (nst.http.workers={} applies to the cpu backend)",
                    settings.workers());
        }
        BlockingQueue<Runnable> queue = settings.queueSize() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(settings.queueSize());
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, queue, runnable -> {
            Thread thread = new Thread(runnable, "nst-job-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
        recover();
    }

    /**
     * Accepts a transfer for {@code owner}. The inputs are not kept: the job runs in this process, from
     * {@code command}.
     *
     * @param weights how the job's weights are described to the client, e.g. {@code random:7}
     * @throws ServerBusyException                               when every worker is busy and the queue is full
     * @throws StorageUnavailableException                       when the data folder cannot be written or has no room
     *                                                           for the result
     * @throws OwnerLimitException                               when the owner's key has as many jobs running and
     *                                                           queued as it may
     * @throws dev.nst.core.domain.BackendUnavailableException when no backend runs
     * @throws dev.nst.core.domain.InsufficientMemoryException when the transfer can never fit this server
     */
    @Override
    public JobSnapshot submit(TransferStyleCommand command, List<JobInput> inputs, String weights, JobOwner owner) {
        useCase.get();
        store.requireRoom(resultBytes(command), settings.retryAfter());
        MemoryAdmission.Reservation reservation = admission.reserve(command);
        java.util.concurrent.atomic.AtomicReference<MemoryAdmission.Turn> turn =
                new java.util.concurrent.atomic.AtomicReference<>();
        Job job = new Job(UUID.randomUUID().toString(), owner, command, weights, clock.instant(),
                started -> run(started, turn.get()));
        JobSnapshot accepted = job.snapshot();
        synchronized (jobs) {
            requireRoomFor(owner);
            jobs.put(job.id(), job);
        }
        turn.set(admission.queue(reservation, () -> closing || job.snapshot().status().finished()
                || jobs.get(job.id()) != job));
        try {
            executor.execute(job.task());
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id());
            admission.leave(turn.get());
            throw new ServerBusyException("the server is busy: " + workers + " transfer(s) running and "
                    + settings.queueSize() + " waiting; try again later", settings.retryAfter());
        }
        persist(job);
        return accepted;
    }

    /** A transfer submitted without an API key (a service without keys). */
    JobSnapshot submit(TransferStyleCommand command, String weights) {
        return submit(command, List.of(), weights, JobOwner.ANONYMOUS);
    }

    /** At most what the result PNG takes: four bytes a pixel at the output's size, and room for its text. */
    private static long resultBytes(TransferStyleCommand command) {
        return 4L * command.content().width() * command.content().height() + (1L << 20);
    }

    private void requireRoomFor(JobOwner owner) {
        if (owner.maxJobs().isEmpty()) {
            return;
        }
        long unfinished = jobs.values().stream().map(Job::snapshot)
                .filter(job -> owner.owns(job) && !job.status().finished()).count();
        if (unfinished >= owner.maxJobs().getAsInt()) {
            throw new OwnerLimitException("this API key already has " + unfinished + " transfer(s) running or queued,"
                    + " as many as it may (" + owner.maxJobs().getAsInt() + "); submit again when one has finished",
                    settings.retryAfter());
        }
    }

    /** @throws UnknownJobException for an id that is no job of {@code owner}'s */
    @Override
    public JobSnapshot get(String id, JobOwner owner) {
        return require(id, owner).snapshot();
    }

    JobSnapshot get(String id) {
        return get(id, JobOwner.ANONYMOUS);
    }

    /** The job's events: the latest one first, then each as it happens, ending with the final one. */
    @Override
    public Publisher<JobEvent> events(String id, JobOwner owner) {
        return require(id, owner).events();
    }

    Publisher<JobEvent> events(String id) {
        return events(id, JobOwner.ANONYMOUS);
    }

    /** The result PNG of a SUCCEEDED job. */
    @Override
    public byte[] result(String id, JobOwner owner) {
        JobSnapshot job = get(id, owner);
        if (job.status() != JobStatus.SUCCEEDED) {
            throw JobStateException.noResult(id, job.status());
        }
        return store.result(id).orElseThrow(() -> new UnknownJobException(id));
    }

    byte[] result(String id) {
        return result(id, JobOwner.ANONYMOUS);
    }

    /** The latest intermediate image as PNG, with its iteration; the result once the job has succeeded. */
    @Override
    public Optional<Preview> preview(String id, JobOwner owner) {
        Job job = require(id, owner);
        if (job.snapshot().status() == JobStatus.SUCCEEDED) {
            return Optional.of(new Preview(job.snapshot().iterations(), result(id, owner)));
        }
        return job.preview().map(p -> new Preview(p.iteration(), ImageFiles.encode(p.image(), "png")));
    }

    Optional<Preview> preview(String id) {
        return preview(id, JobOwner.ANONYMOUS);
    }

    /**
     * Cancels a queued job at once, or interrupts a running one and waits up to {@code wait} for it to stop (it
     * stops within one iteration).
     *
     * @throws JobStateException when the job has already finished
     */
    @Override
    public JobSnapshot cancel(String id, JobOwner owner, Duration wait) {
        Job job = require(id, owner);
        if (job.cancel(clock.instant())) {
            executor.remove(job.task());
            persist(job);
        } else {
            try {
                job.awaitFinished(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return job.snapshot();
    }

    JobSnapshot cancel(String id, Duration wait) {
        return cancel(id, JobOwner.ANONYMOUS, wait);
    }

    /** Forgets finished jobs older than the time to live at {@code now}, and deletes their files. */
    @Override
    public int sweepExpired(Instant now) {
        int removed = 0;
        for (Job job : jobs.values()) {
            JobSnapshot state = job.snapshot();
            if (state.finishedAt() != null && expiry(state).isBefore(now) && jobs.remove(state.id(), job)) {
                store.delete(state.id());
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("removed {} expired job(s)", removed);
        }
        return removed;
    }

    /** When a finished job will be removed. */
    @Override
    public Instant expiry(JobSnapshot job) {
        return job.finishedAt() == null ? null : job.finishedAt().plus(settings.resultTtl());
    }

    @Override
    public Load load() {
        int running = 0;
        int queued = 0;
        for (Job job : jobs.values()) {
            JobStatus status = job.snapshot().status();
            running += status == JobStatus.RUNNING ? 1 : 0;
            queued += status == JobStatus.QUEUED ? 1 : 0;
        }
        return new Load(workers, running, queued, settings.queueSize(), admission.reservedBytes(),
                admission.budgetBytes());
    }

    /**
     * Stops taking jobs, interrupts the running ones and records every unfinished job as FAILED, interrupted by a
     * restart.
     */
    @Override
    public void close() {
        closing = true;
        List<Runnable> waiting = executor.shutdownNow();
        for (Job job : jobs.values()) {
            if (waiting.contains(job.task())) {
                job.stop(JobStatus.FAILED, RESTARTED_WHILE_QUEUED, clock.instant());
                persist(job);
            }
        }
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("jobs still running at shutdown; they will be recorded as interrupted at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code job} once its memory fits beside the running jobs'. */
    private void run(Job job, MemoryAdmission.Turn turn) {
        try {
            if (closing || !admission.acquire(turn)) {
                return;
            }
        } catch (InterruptedException e) {
            return;
        }
        try {
            runAdmitted(job);
        } finally {
            admission.release(turn.reservation());
        }
    }

    private void runAdmitted(Job job) {
        if (closing || !job.start(Thread.currentThread(), clock.instant())) {
            return;
        }
        persist(job);
        PreviewClock previews = new PreviewClock(settings.previewInterval());
        try {
            TransferStyleCommand command = job.takeCommand();
            TransferResult result = useCase.get().transfer(command, progress -> {
                boolean due = !progress.isLast() && previews.due();
                if (due) {
                    job.preview(progress.iteration(), progress.image().get());
                }
                job.progress(progress);
                if (due) {
                    persist(job);
                }
            });
            store.saveResult(job.id(), ImageFiles.encode(result.image(),
                    OutputOptions.of(ImageFormat.PNG).withText(ResultText.of(command, result))));
            job.succeed(clock.instant(), result.backend());
        } catch (IOException e) {
            if (JobStore.isFull(e)) {
                LOG.warn("job {} failed: its result could not be kept, the data folder's disk is full", job.id());
                job.stop(JobStatus.FAILED, JobStore.FULL + "; the result could not be kept", clock.instant());
            } else {
                stopped(job, e);
            }
        } catch (RuntimeException e) {
            stopped(job, e);
        } catch (OutOfMemoryError e) {
            LOG.warn("job {} ran out of memory", job.id());
            stopped(job, e);
        } finally {
            job.detach();
            Thread.interrupted();
            if (!job.snapshot().status().finished()) {
                job.stop(JobStatus.FAILED, "the transfer stopped unexpectedly; see the server log", clock.instant());
            }
            persist(job);
        }
    }

    /** Records why a job ended early: a restart, a cancellation, a reason the core gave, or an internal error. */
    private void stopped(Job job, Throwable failure) {
        Instant now = clock.instant();
        if (closing) {
            job.stop(JobStatus.FAILED, RESTARTED_WHILE_RUNNING, now);
        } else if (job.cancelRequested()) {
            job.stop(JobStatus.CANCELLED, "cancelled at iteration " + job.snapshot().iteration(), now);
        } else if (failure instanceof NstException nst) {
            job.stop(JobStatus.FAILED, ApiWording.message(nst), now);
        } else if (failure instanceof OutOfMemoryError) {
            job.stop(JobStatus.FAILED, "not enough memory for this transfer; try a smaller size", now);
        } else {
            LOG.error("job {} failed", job.id(), failure);
            job.stop(JobStatus.FAILED, "internal error; the server log has the details (job " + job.id() + ")", now);
        }
    }

    private void recover() {
        for (JobSnapshot found : store.loadAll()) {
            JobSnapshot job = found;
            if (!found.status().finished()) {
                job = found.failed(found.status() == JobStatus.RUNNING ? RESTARTED_WHILE_RUNNING
                        : RESTARTED_WHILE_QUEUED, clock.instant());
                store.save(job);
                LOG.info("job {} was {} when the server stopped; recorded as FAILED", found.id(), found.status());
            }
            jobs.put(job.id(), new Job(job));
        }
    }

    /** The job {@code id} if {@code owner} submitted it; another key's job is as unknown as one that never was. */
    private Job require(String id, JobOwner owner) {
        Job job = id == null ? null : jobs.get(id);
        if (job == null || !owner.owns(job.snapshot())) {
            throw new UnknownJobException(String.valueOf(id));
        }
        return job;
    }

    private void persist(Job job) {
        synchronized (job) {
            store.save(job.snapshot());
        }
    }
}
