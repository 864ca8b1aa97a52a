package dev.nst.http.job;

import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.http.job.postgres.PostgresJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The jobs of a cluster, as an API node sees them: submissions go into PostgreSQL (with the uploads) for any worker
 * to claim, and everything else is read from there, so a client may talk to any API node. Event streams poll the
 * job's row every {@code poll} (an event reaches a client at most that long after a worker recorded it).
 */
public final class ClusterJobs implements JobBoard {

    private final PostgresJobs store;
    private final MemoryAdmission admission;
    private final JobSettings settings;
    private final int maxAttempts;
    private final Duration poll;
    private final Duration alive;

    /**
     * @param admission   plans each job, refusing one that can never fit (the workers run the same backend)
     * @param maxAttempts runs a job gets before a worker that stopped during each of them fails it
     * @param alive       how recently a worker must have reported to count as alive
     */
    public ClusterJobs(PostgresJobs store, MemoryAdmission admission, JobSettings settings, int maxAttempts,
                       Duration poll, Duration alive) {
        this.store = store;
        this.admission = admission;
        this.settings = settings;
        this.maxAttempts = maxAttempts;
        this.poll = poll;
        this.alive = alive;
    }

    @Override
    public JobSnapshot submit(TransferStyleCommand command, List<JobInput> inputs, String weights, JobOwner owner) {
        MemoryAdmission.Reservation reservation = admission.reserve(command);
        JobSnapshot job = new JobSnapshot(UUID.randomUUID().toString(), JobStatus.QUEUED, 0,
                command.settings().stages().get(0).iterations(), null, 0, null, Instant.now(), null, null, weights,
                null, null, name(owner));
        Optional<PostgresJobs.Refusal> refusal = store.submit(job, inputs, maxAttempts, reservation.hostBytes(),
                reservation.heapBytes(), settings.queueSize(), owner.maxJobs().orElse(0));
        if (refusal.isPresent()) {
            throw switch (refusal.get()) {
                case QUEUE_FULL -> new ServerBusyException("the server is busy: " + settings.queueSize()
                        + " transfer(s) waiting; try again later", settings.retryAfter());
                case OWNER_LIMIT -> new OwnerLimitException("this API key already has "
                        + owner.maxJobs().getAsInt() + " transfer(s) running or queued, as many as it may; submit"
                        + " again when one has finished", settings.retryAfter());
            };
        }
        return get(job.id(), owner);
    }

    @Override
    public JobSnapshot get(String id, JobOwner owner) {
        return store.get(id, name(owner)).orElseThrow(() -> new UnknownJobException(id));
    }

    @Override
    public Publisher<JobEvent> events(String id, JobOwner owner) {
        PostgresJobs.Watched first = store.watch(id, name(owner)).orElseThrow(() -> new UnknownJobException(id));
        AtomicReference<PostgresJobs.Watched> last = new AtomicReference<>();
        Flux<PostgresJobs.Watched> states = Flux.concat(Mono.just(first), Flux.interval(poll, poll)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.fromCallable(() -> store.watch(id, name(owner)))
                        .subscribeOn(Schedulers.boundedElastic()))
                .takeWhile(Optional::isPresent)
                .map(Optional::get));
        return states.filter(state -> changed(last.get(), state)).map(state -> {
            PostgresJobs.Watched before = last.getAndSet(state);
            JobSnapshot job = state.job();
            String name = job.status().finished() ? JobEvent.finalName(job.status())
                    : before == null || before.job().status() != job.status() ? JobEvent.STATUS : JobEvent.PROGRESS;
            return new JobEvent(name, job, state.previewIteration());
        }).takeUntil(JobEvent::isFinal);
    }

    private static boolean changed(PostgresJobs.Watched before, PostgresJobs.Watched now) {
        return before == null || before.job().status() != now.job().status()
                || before.job().iteration() != now.job().iteration()
                || !java.util.Objects.equals(before.job().stage(), now.job().stage())
                || before.previewIteration() != now.previewIteration();
    }

    @Override
    public byte[] result(String id, JobOwner owner) {
        JobSnapshot job = get(id, owner);
        if (job.status() != JobStatus.SUCCEEDED) {
            throw JobStateException.noResult(id, job.status());
        }
        return store.image(id, name(owner), "result").orElseThrow(() -> new UnknownJobException(id)).png();
    }

    @Override
    public Optional<Preview> preview(String id, JobOwner owner) {
        JobSnapshot job = get(id, owner);
        String kind = job.status() == JobStatus.SUCCEEDED ? "result" : "preview";
        if (job.status().finished() && job.status() != JobStatus.SUCCEEDED) {
            return Optional.empty();
        }
        return store.image(id, name(owner), kind).map(image -> new Preview(image.iteration(), image.png()));
    }

    @Override
    public JobSnapshot cancel(String id, JobOwner owner, Duration wait) {
        JobStatus before = store.cancel(id, name(owner)).orElseThrow(() -> new UnknownJobException(id));
        if (before.finished()) {
            throw JobStateException.alreadyFinished(id, before);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        JobSnapshot job = get(id, owner);
        while (!job.status().finished() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            job = get(id, owner);
        }
        return job;
    }

    @Override
    public int sweepExpired(Instant now) {
        return store.deleteFinishedBefore(now.minus(settings.resultTtl()));
    }

    @Override
    public Instant expiry(JobSnapshot job) {
        return job.finishedAt() == null ? null : job.finishedAt().plus(settings.resultTtl());
    }

    @Override
    public Load load() {
        int[] counts = store.counts();
        int slots = workers().stream().mapToInt(WorkerInfo::slots).sum();
        return new Load(slots, counts[1], counts[0], settings.queueSize(), 0, 0);
    }

    /** The workers that reported recently (within three leases). */
    @Override
    public List<WorkerInfo> workers() {
        return store.workers(alive);
    }

    private static String name(JobOwner owner) {
        return owner.name().isEmpty() ? null : owner.name();
    }
}
