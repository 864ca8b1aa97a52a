package dev.nst.http.job;

import dev.nst.core.domain.NstException;
import dev.nst.core.image.ImageFiles;
import dev.nst.core.image.ImageFormat;
import dev.nst.core.image.OutputOptions;
import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.port.in.TransferStyleUseCase;
import dev.nst.http.job.postgres.Claim;
import dev.nst.http.job.postgres.JobDatabaseException;
import dev.nst.http.job.postgres.PostgresJobs;
import dev.nst.http.wording.ApiWording;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's share of a cluster's work: {@code slots} threads that each claim the oldest queued job from PostgreSQL,
 * run it on this node's backend and record its progress, latest preview and result there; and a keeper that renews
 * the leases of the running jobs every third of a lease, reports the node, and puts back in the queue the jobs of
 * workers that stopped renewing (any node may; each job once).
 * <p>
 * A job runs on one worker at a time: every write is conditional on holding the job's lease, and a worker that can
 * no longer renew (it lost the lease, or cannot reach the database for two thirds of one) interrupts the transfer
 * before the lease can run out. A cancel requested on any API node reaches the worker at its next renewal.
 */
public final class ClusterWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWorker.class);
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(250);

    private final PostgresJobs store;
    private final Supplier<TransferStyleUseCase> useCase;
    private final CommandReader reader;
    private final MemoryAdmission admission;
    private final JobSettings settings;
    private final WorkerSettings worker;
    private final ConcurrentMap<String, Running> running = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Instant startedAt = Instant.now();
    private volatile boolean closing;

    /**
     * How this node works for the cluster.
     *
     * @param id      this worker's name in the database (unique per process)
     * @param backend what it runs on, as {@code /health} shows it
     * @param slots   jobs it runs at once
     * @param lease   how long a claim holds without renewal
     * @param poll    how long an idle worker waits before it looks for a job again
     */
    public record WorkerSettings(String id, String host, String backend, int slots, Duration lease, Duration poll) {
    }

    public ClusterWorker(PostgresJobs store, Supplier<TransferStyleUseCase> useCase, CommandReader reader,
                         MemoryAdmission admission, JobSettings settings, WorkerSettings worker) {
        this.store = store;
        this.useCase = useCase;
        this.reader = reader;
        this.admission = admission;
        this.settings = settings;
        this.worker = worker;
    }

    /** A job this worker runs, and what the keeper learnt about it. */
    private static final class Running {
        final String id;
        final Thread thread;
        volatile long renewedAt = System.nanoTime();
        volatile boolean lost;
        volatile boolean cancel;
        volatile JobSnapshot state;
        private boolean active = true;

        Running(String id, Thread thread) {
            this.id = id;
            this.thread = thread;
        }

        boolean stopped() {
            return lost || cancel;
        }

        /** Interrupts the job's transfer, unless its thread has already left it (and may run another job). */
        synchronized void interrupt() {
            if (active) {
                thread.interrupt();
            }
        }

        /** The thread leaves the job: from now on nothing interrupts it on the job's behalf. */
        synchronized void leave() {
            active = false;
            Thread.interrupted();
        }
    }

    public ClusterWorker start() {
        for (int i = 1; i <= worker.slots(); i++) {
            threads.add(daemon("nst-worker-" + i, this::work));
        }
        threads.add(daemon("nst-worker-keeper", this::keep));
        threads.forEach(Thread::start);
        LOG.info("worker {} runs up to {} job(s) at once from the job database", worker.id(), worker.slots());
        return this;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private void work() {
        while (!closing) {
            Optional<Claim> claim;
            try {
                claim = store.claim(worker.id(), worker.lease());
            } catch (JobDatabaseException e) {
                LOG.warn("worker {} cannot claim jobs: {}", worker.id(), e.getMessage());
                claim = Optional.empty();
            }
            if (claim.isEmpty()) {
                pause(worker.poll());
                continue;
            }
            run(claim.get());
        }
    }

    private void run(Claim claim) {
        Thread.interrupted();
        Running job = new Running(claim.id(), Thread.currentThread());
        job.state = state(claim, 0, 1, null);
        running.put(claim.id(), job);
        MemoryAdmission.Reservation held = null;
        try {
            LOG.info("job {} claimed by worker {} (attempt {})", claim.id(), worker.id(), claim.attempt());
            TransferStyleCommand command = reader.read(claim.inputs());
            MemoryAdmission.Reservation reservation = admission.reserve(command);
            if (!admission.acquire(admission.queue(reservation, () -> closing || job.stopped()))) {
                throw new InterruptedException("stopped while waiting for memory");
            }
            held = reservation;
            job.state = state(claim, 0, command.settings().stages().get(0).iterations(), null);
            PreviewClock previews = new PreviewClock(settings.previewInterval());
            PreviewClock records = new PreviewClock(PROGRESS_EVERY);
            TransferResult result = useCase.get().transfer(command, progress -> {
                job.state = state(claim, progress.iteration(), progress.iterations(), progress);
                if (!progress.isLast() && previews.due()) {
                    store.preview(claim.id(), worker.id(), progress.iteration(),
                            ImageFiles.encode(progress.image().get(), "png"));
                    store.progress(claim.id(), worker.id(), job.state);
                } else if (records.due()) {
                    store.progress(claim.id(), worker.id(), job.state);
                }
            });
            byte[] png = ImageFiles.encode(result.image(),
                    OutputOptions.of(ImageFormat.PNG).withText(ResultText.of(command, result)));
            JobSnapshot done = withBackend(job.state, result.backend());
            if (!store.succeed(claim.id(), worker.id(), done, png)) {
                LOG.warn("job {} finished on worker {} after it had lost the job; its result is dropped", claim.id(),
                        worker.id());
            }
        } catch (InterruptedException | RuntimeException | OutOfMemoryError e) {
            stopped(claim, job, e);
        } finally {
            running.remove(claim.id());
            job.leave();
            if (held != null) {
                admission.release(held);
            }
        }
    }

    /** Records why a job ended early, unless this worker no longer holds it (then it is someone else's now). */
    private void stopped(Claim claim, Running job, Throwable failure) {
        Thread.interrupted();
        if (job.lost) {
            LOG.info("job {} stopped on worker {}: it lost the job's lease", claim.id(), worker.id());
            return;
        }
        if (closing || failure instanceof ServerBusyException) {
            LOG.info("job {} stopped on worker {}: {}; the job goes back in the queue", claim.id(), worker.id(),
                    closing ? "the worker is shutting down" : failure.getMessage());
            try {
                store.giveBack(claim.id(), worker.id());
            } catch (JobDatabaseException e) {
                LOG.warn("job {}: cannot give it back ({}); it runs again once its lease runs out", claim.id(),
                        e.getMessage());
            }
            return;
        }
        JobSnapshot state = job.state;
        JobStatus status = JobStatus.FAILED;
        String reason;
        if (job.cancel) {
            status = JobStatus.CANCELLED;
            reason = "cancelled at iteration " + state.iteration();
        } else if (failure instanceof NstException nst) {
            LOG.info("job {} failed on worker {}: {}", claim.id(), worker.id(), nst.getMessage());
            reason = ApiWording.message(nst);
        } else if (failure instanceof OutOfMemoryError) {
            reason = "not enough memory for this transfer; try a smaller size";
        } else {
            LOG.error("job {} failed on worker {}", claim.id(), worker.id(), failure);
            reason = "internal error; the server log has the details (job " + claim.id() + ")";
        }
        try {
            store.stop(claim.id(), worker.id(), status, reason, state);
        } catch (JobDatabaseException e) {
            LOG.warn("job {}: cannot record its end ({}); its lease will run out and it will run again",
                    claim.id(), e.getMessage());
        }
    }

    /** Every third of a lease: renew each running job, report this node, recover other workers' abandoned jobs. */
    private void keep() {
        long third = Math.max(1, worker.lease().toMillis() / 3);
        while (!closing) {
            for (Running job : running.values()) {
                renew(job);
            }
            try {
                store.heartbeat(new WorkerInfo(worker.id(), worker.host(), worker.backend(), worker.slots(), running.size(),
                        startedAt, Instant.now()));
                int recovered = store.recoverAbandoned();
                if (recovered > 0) {
                    LOG.info("{} job(s) of stopped workers put back in the queue (or failed after their attempts)",
                            recovered);
                }
            } catch (JobDatabaseException e) {
                LOG.warn("worker {} cannot report to the job database: {}", worker.id(), e.getMessage());
            }
            pause(Duration.ofMillis(third));
        }
    }

    private void renew(Running job) {
        try {
            PostgresJobs.Lease lease = store.renew(job.id, worker.id(), worker.lease());
            if (lease == PostgresJobs.Lease.HELD) {
                job.renewedAt = System.nanoTime();
                return;
            }
            if (lease == PostgresJobs.Lease.LOST) {
                job.lost = true;
            } else {
                job.cancel = true;
            }
        } catch (JobDatabaseException e) {
            if (System.nanoTime() - job.renewedAt < worker.lease().toNanos() * 2 / 3) {
                return;
            }
            LOG.warn("job {}: cannot renew its lease ({}); stopping it before the lease runs out", job.id,
                    e.getMessage());
            job.lost = true;
        }
        job.interrupt();
    }

    private static JobSnapshot state(Claim claim, int iteration, int iterations, Progress progress) {
        double seconds = progress == null ? 0 : progress.elapsed().toNanos() / 1e9;
        double rate = progress != null && progress.iteration() > 0 && seconds > 0 ? progress.iteration() / seconds : 0;
        return new JobSnapshot(claim.id(), JobStatus.RUNNING, iteration, iterations,
                progress == null ? null : Losses.of(progress.loss()), rate, null, null, null, null, claim.weights(),
                null, progress == null ? null : JobStage.of(progress), claim.owner());
    }

    private static JobSnapshot withBackend(JobSnapshot job, String backend) {
        return new JobSnapshot(job.id(), job.status(), job.iteration(), job.iterations(), job.losses(),
                job.itPerSecond(), job.error(), job.createdAt(), job.startedAt(), job.finishedAt(), job.weights(),
                backend, job.stage(), job.owner());
    }

    /** Sleeps; an interruption only cuts it short (the loops look at {@code closing} themselves). */
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            // woken early: by close(), which the loop notices
        }
    }

    /**
     * Stops claiming and interrupts the running jobs, which go back in the queue at once (without counting as an
     * attempt) for another worker to take up; waits up to 10 s for that.
     */
    @Override
    public void close() {
        closing = true;
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
