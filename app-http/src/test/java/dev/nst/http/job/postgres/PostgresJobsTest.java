package dev.nst.http.job.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.job.JobInput;
import dev.nst.http.job.JobSnapshot;
import dev.nst.http.job.JobStage;
import dev.nst.http.job.JobStatus;
import dev.nst.http.job.Losses;
import dev.nst.http.job.WorkerInfo;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job table's guarantees, against a real PostgreSQL: a queued job is claimed by one worker only, however many ask
 * at once; a worker that stops renewing loses the job, which runs again elsewhere up to its attempts and then fails;
 * a worker that lost a job cannot write to it; limits hold under concurrent submissions; cancel reaches queued and
 * running jobs.
 */
class PostgresJobsTest {

    private static final Duration LONG = Duration.ofMinutes(5);
    private static final List<JobInput> INPUTS = List.of(new JobInput("content", "photo.png", new byte[] {1, 2, 3}),
            new JobInput("size", null, "64".getBytes(StandardCharsets.UTF_8)));

    private PostgresJobs jobs;

    @BeforeEach
    void database() {
        jobs = new PostgresJobs(PostgresServer.dataSource(PostgresServer.get().newDatabase()),
                JsonMapper.createDefault());
    }

    private static JobSnapshot queued(String owner) {
        return new JobSnapshot(UUID.randomUUID().toString(), JobStatus.QUEUED, 0, 10, null, 0, null, Instant.now(),
                null, null, "random:0", null, null, owner);
    }

    private String submit(String owner, int maxAttempts) {
        JobSnapshot job = queued(owner);
        assertThat(jobs.submit(job, INPUTS, maxAttempts, 100, 10, 1000, 0)).isEmpty();
        return job.id();
    }

    @Test
    void aSubmittedJobIsItsOwnersAndKeepsItsInputsForTheWorker() {
        String id = submit("alice", 3);

        JobSnapshot seen = jobs.get(id, "alice").orElseThrow();
        assertThat(seen.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(seen.iterations()).isEqualTo(10);
        assertThat(seen.owner()).isEqualTo("alice");
        assertThat(jobs.get(id, "bob")).isEmpty();
        assertThat(jobs.get(id, null)).isEmpty();

        Claim claim = jobs.claim("w1", LONG).orElseThrow();
        assertThat(claim.id()).isEqualTo(id);
        assertThat(claim.attempt()).isEqualTo(1);
        assertThat(claim.inputs()).extracting(JobInput::name).containsExactly("content", "size");
        assertThat(claim.inputs().get(0).bytes()).containsExactly(1, 2, 3);
        assertThat(claim.inputs().get(1).filename()).isNull();
        assertThat(jobs.get(id, "alice").orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(jobs.claim("w2", LONG)).isEmpty();
    }

    @Test
    void manyWorkersClaimingAtOnceTakeEveryJobExactlyOnce() throws Exception {
        Set<String> submitted = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            submitted.add(submit(null, 1));
        }
        ExecutorService workers = Executors.newFixedThreadPool(10);
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 10; w++) {
            String worker = "w" + w;
            running.add(workers.submit(() -> {
                for (Optional<Claim> claim = jobs.claim(worker, LONG); claim.isPresent();
                     claim = jobs.claim(worker, LONG)) {
                    claimed.add(claim.get().id());
                }
            }));
        }
        for (Future<?> worker : running) {
            worker.get();
        }
        workers.shutdown();

        assertThat(claimed).hasSize(30).doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).isEqualTo(submitted);
        assertThat(jobs.counts()).containsExactly(0, 30);
    }

    @Test
    void aWorkerThatStopsRenewingLosesTheJobWhichRunsAgainUntilItsAttemptsAreSpent() throws Exception {
        String id = submit(null, 2);
        Claim first = jobs.claim("w1", Duration.ofMillis(300)).orElseThrow();
        assertThat(jobs.renew(id, "w1", Duration.ofMillis(300))).isEqualTo(PostgresJobs.Lease.HELD);
        Thread.sleep(600);
        assertThat(jobs.recoverAbandoned()).isEqualTo(1);
        assertThat(jobs.get(id, null).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);

        // the first worker wakes up: it holds nothing any more and can write nothing
        JobSnapshot late = jobs.get(id, null).orElseThrow();
        assertThat(jobs.renew(id, "w1", LONG)).isEqualTo(PostgresJobs.Lease.LOST);
        assertThat(jobs.progress(id, "w1", late)).isFalse();
        assertThat(jobs.preview(id, "w1", 3, new byte[] {9})).isFalse();
        assertThat(jobs.succeed(id, "w1", late, new byte[] {9})).isFalse();

        Claim second = jobs.claim("w2", Duration.ofMillis(300)).orElseThrow();
        assertThat(second.attempt()).isEqualTo(first.attempt() + 1);
        assertThat(jobs.succeed(id, "w1", late, new byte[] {9})).isFalse();
        Thread.sleep(600);
        assertThat(jobs.recoverAbandoned()).isEqualTo(1);

        JobSnapshot failed = jobs.get(id, null).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("its worker stopped during each of its 2 attempts; submit it again");
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(jobs.claim("w3", LONG)).isEmpty();
        assertThat(jobs.image(id, null, "result")).isEmpty();
    }

    @Test
    void theHolderRecordsProgressPreviewAndResult() {
        String id = submit("alice", 1);
        jobs.claim("w1", LONG).orElseThrow();
        JobSnapshot running = new JobSnapshot(id, JobStatus.RUNNING, 4, 10, new Losses(10, 1, 8, 1), 2.5, null,
                Instant.now(), Instant.now(), null, "random:0", "cpu", new JobStage(2, 3, 512), "alice");

        assertThat(jobs.progress(id, "w1", running)).isTrue();
        assertThat(jobs.preview(id, "w1", 4, new byte[] {4})).isTrue();
        JobSnapshot seen = jobs.get(id, "alice").orElseThrow();
        assertThat(seen.iteration()).isEqualTo(4);
        assertThat(seen.losses()).isEqualTo(new Losses(10, 1, 8, 1));
        assertThat(seen.stage()).isEqualTo(new JobStage(2, 3, 512));
        assertThat(seen.backend()).isEqualTo("cpu");
        assertThat(jobs.image(id, "alice", "preview").orElseThrow().iteration()).isEqualTo(4);

        assertThat(jobs.succeed(id, "w1", running, new byte[] {7, 7})).isTrue();
        assertThat(jobs.get(id, "alice").orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(jobs.image(id, "alice", "result").orElseThrow().png()).containsExactly(7, 7);
        assertThat(jobs.image(id, "bob", "result")).isEmpty();
        assertThat(jobs.renew(id, "w1", LONG)).isEqualTo(PostgresJobs.Lease.LOST);

        assertThat(jobs.deleteFinishedBefore(Instant.now().minusSeconds(3600))).isZero();
        assertThat(jobs.deleteFinishedBefore(Instant.now().plusSeconds(3600))).isEqualTo(1);
        assertThat(jobs.get(id, "alice")).isEmpty();
    }

    @Test
    void cancelStopsAQueuedJobAtOnceAndTellsTheWorkerOfARunningOne() {
        String queued = submit("alice", 1);
        assertThat(jobs.cancel(queued, "bob")).isEmpty();
        assertThat(jobs.cancel(queued, "alice")).contains(JobStatus.QUEUED);
        assertThat(jobs.get(queued, "alice").orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(jobs.cancel(queued, "alice")).contains(JobStatus.CANCELLED);
        assertThat(jobs.claim("w1", LONG)).isEmpty();

        String running = submit("alice", 1);
        jobs.claim("w1", LONG).orElseThrow();
        assertThat(jobs.cancel(running, "alice")).contains(JobStatus.RUNNING);
        assertThat(jobs.renew(running, "w1", LONG)).isEqualTo(PostgresJobs.Lease.CANCEL_REQUESTED);
        JobSnapshot state = jobs.get(running, "alice").orElseThrow();
        assertThat(jobs.stop(running, "w1", JobStatus.CANCELLED, "cancelled at iteration 3", state)).isTrue();
        assertThat(jobs.get(running, "alice").orElseThrow().error()).isEqualTo("cancelled at iteration 3");
    }

    @Test
    void theQueueLimitAndAKeysLimitHoldUnderConcurrentSubmissions() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(10);
        List<Future<Optional<PostgresJobs.Refusal>>> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String owner = i % 2 == 0 ? "alice" : "bob";
            answers.add(clients.submit(() -> jobs.submit(queued(owner), INPUTS, 1, 0, 0, 8,
                    owner.equals("alice") ? 3 : 0)));
        }
        int accepted = 0;
        int queueFull = 0;
        int ownerLimit = 0;
        for (Future<Optional<PostgresJobs.Refusal>> answer : answers) {
            Optional<PostgresJobs.Refusal> refusal = answer.get();
            if (refusal.isEmpty()) {
                accepted++;
            } else if (refusal.get() == PostgresJobs.Refusal.QUEUE_FULL) {
                queueFull++;
            } else {
                ownerLimit++;
            }
        }
        clients.shutdown();
        assertThat(accepted).isEqualTo(8);
        assertThat(queueFull + ownerLimit).isEqualTo(22);
        assertThat(jobs.counts()[0]).isEqualTo(8);
    }

    @Test
    void workersAreListedWhileTheyReport() throws Exception {
        Instant start = Instant.now();
        jobs.heartbeat(new WorkerInfo("w1", "node-a", "cpu: oneDNN", 2, 1, start, start));
        jobs.heartbeat(new WorkerInfo("w2", "node-b", "cuda: H100", 1, 0, start, start));
        jobs.heartbeat(new WorkerInfo("w1", "node-a", "cpu: oneDNN", 2, 2, start, start));

        List<WorkerInfo> seen = jobs.workers(Duration.ofMinutes(1));
        assertThat(seen).extracting(WorkerInfo::id).containsExactlyInAnyOrder("w1", "w2");
        assertThat(seen.stream().filter(w -> w.id().equals("w1")).findFirst().orElseThrow().running()).isEqualTo(2);
        Thread.sleep(300);
        assertThat(jobs.workers(Duration.ofMillis(100))).isEmpty();
    }
}
