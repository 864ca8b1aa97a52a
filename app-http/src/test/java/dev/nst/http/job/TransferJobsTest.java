package dev.nst.http.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.BackendUnavailableException;
import dev.nst.core.domain.InvalidInputException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The job service on a played use case: bounded queue, cancellation, failures, restarts, expiry, events. */
class TransferJobsTest extends JobServiceTest {

    private TransferJobs jobs(int workers, int queueSize) {
        return jobs(workers, queueSize, false, Duration.ofHours(1));
    }

    private TransferJobs jobs(int workers, int queueSize, boolean exclusive, Duration ttl) {
        TransferJobs jobs = new TransferJobs(() -> transfers, exclusive, new JobStore(dir, JSON),
                new JobSettings(workers, queueSize, dir, ttl, Duration.ofSeconds(7), Duration.ZERO), Clock.systemUTC());
        return opened(jobs);
    }

    @Test
    void acceptsWhatTheWorkersAndQueueHoldAndRefusesTheRest() throws InterruptedException {
        TransferJobs jobs = jobs(1, 2);

        JobSnapshot first = jobs.submit(FakeTransfers.command(2), "random:0");
        assertThat(transfers.awaitStarted()).isTrue();
        JobSnapshot second = jobs.submit(FakeTransfers.command(2), "random:0");
        JobSnapshot third = jobs.submit(FakeTransfers.command(2), "random:0");

        assertThat(List.of(first, second, third)).extracting(JobSnapshot::status).containsOnly(JobStatus.QUEUED);
        assertThat(jobs.load()).isEqualTo(new TransferJobs.Load(1, 1, 2, 2, 0, Long.MAX_VALUE));
        assertThatThrownBy(() -> jobs.submit(FakeTransfers.command(2), "random:0"))
                .isInstanceOf(ServerBusyException.class)
                .hasMessageContaining("busy")
                .satisfies(e -> assertThat(((ServerBusyException) e).retryAfter()).isEqualTo(Duration.ofSeconds(7)));

        transfers.open();
        for (JobSnapshot job : List.of(first, second, third)) {
            assertThat(awaitFinished(jobs, job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(TestPng.isPng(jobs.result(job.id()))).isTrue();
        }
        assertThat(transfers.runs).hasValue(3);
    }

    @Test
    void aGpuBackendRunsOneJobAtATime() {
        assertThat(jobs(3, 1, true, Duration.ofHours(1)).load().workers()).isEqualTo(1);
        assertThat(jobs(3, 1, false, Duration.ofHours(1)).load().workers()).isEqualTo(3);
    }

    @Test
    void nothingIsAcceptedWithoutABackend() {
        TransferJobs jobs = new TransferJobs(() -> {
            throw new BackendUnavailableException("no backend");
        }, false, new JobStore(dir, JSON), new JobSettings(1, 1, dir, Duration.ofHours(1), Duration.ofSeconds(1),
                Duration.ZERO), Clock.systemUTC());
        opened(jobs);

        assertThatThrownBy(() -> jobs.submit(FakeTransfers.command(1), "random:0"))
                .isInstanceOf(BackendUnavailableException.class);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndNeverRuns() throws InterruptedException {
        TransferJobs jobs = jobs(1, 2);
        JobSnapshot running = jobs.submit(FakeTransfers.command(1), "random:0");
        assertThat(transfers.awaitStarted()).isTrue();
        JobSnapshot queued = jobs.submit(FakeTransfers.command(1), "random:0");

        JobSnapshot cancelled = jobs.cancel(queued.id(), WAIT);

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.error()).contains("before it started");
        assertThat(jobs.load().queued()).isZero();
        transfers.open();
        assertThat(awaitFinished(jobs, running.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(transfers.runs).hasValue(1);
        assertThat(jobs.get(queued.id()).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aRunningJobStopsWhenCancelledAndItsWorkerGoesOnWithTheNext() throws InterruptedException {
        TransferJobs jobs = jobs(1, 1);
        JobSnapshot job = jobs.submit(FakeTransfers.command(100), "random:0");
        assertThat(transfers.awaitStarted()).isTrue();
        transfers.steps.release(3);

        JobSnapshot cancelled = jobs.cancel(job.id(), WAIT);

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.error()).startsWith("cancelled at iteration");
        assertThatThrownBy(() -> jobs.cancel(job.id(), WAIT)).isInstanceOf(JobStateException.class)
                .hasMessageContaining("already finished");
        assertThatThrownBy(() -> jobs.result(job.id())).isInstanceOf(JobStateException.class);

        JobSnapshot next = jobs.submit(FakeTransfers.command(2), "random:0");
        transfers.open();
        assertThat(awaitFinished(jobs, next.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aFailureIsRecordedWithTheCoresMessageOrANeutralOne() throws InterruptedException {
        TransferJobs jobs = jobs(1, 1);
        transfers.open();
        transfers.failure = () -> new InvalidInputException("the content image is 2x2 px; layer relu5_1 needs 16");
        JobSnapshot invalid = jobs.submit(FakeTransfers.command(1), "random:0");
        assertThat(awaitFinished(jobs, invalid.id()).error()).isEqualTo(
                "the content image is 2x2 px; layer relu5_1 needs 16");

        transfers.failure = () -> new IllegalStateException("secret internals");
        JobSnapshot broken = jobs.submit(FakeTransfers.command(1), "random:0");
        JobSnapshot failed = awaitFinished(jobs, broken.id());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).startsWith("internal error").doesNotContain("secret");
    }

    @Test
    void progressAndPreviewsAreThereWhileItRuns() throws InterruptedException {
        TransferJobs jobs = jobs(1, 1);
        JobSnapshot job = jobs.submit(FakeTransfers.command(10), "random:0");
        transfers.steps.release(3);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (jobs.get(job.id()).iteration() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        JobSnapshot running = jobs.get(job.id());
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.iteration()).isEqualTo(2);
        assertThat(running.losses()).isEqualTo(new Losses(6, 1, 2, 3));
        assertThat(running.itPerSecond()).isGreaterThan(0);
        assertThat(jobs.preview(job.id())).get().satisfies(p -> assertThat(TestPng.isPng(p.png())).isTrue());
    }

    @Test
    void eventsReplayTheLatestThenFollowToTheFinalOne() throws InterruptedException {
        TransferJobs jobs = jobs(1, 1);
        JobSnapshot job = jobs.submit(FakeTransfers.command(3), "random:0");
        assertThat(transfers.awaitStarted()).isTrue();
        List<JobEvent> live = new java.util.concurrent.CopyOnWriteArrayList<>();
        var subscription = Flux.from(jobs.events(job.id())).doOnNext(live::add).subscribe();

        transfers.open();
        awaitFinished(jobs, job.id());
        subscription.dispose();

        assertThat(live.get(0).name()).isEqualTo(JobEvent.STATUS);
        assertThat(live).extracting(JobEvent::name).endsWith("done");
        assertThat(live).filteredOn(e -> e.name().equals(JobEvent.PROGRESS)).extracting(e -> e.job().iteration())
                .containsExactly(0, 1, 2, 3);
        List<JobEvent> late = Flux.from(jobs.events(job.id())).collectList().block(WAIT);
        assertThat(late).extracting(JobEvent::name).containsExactly("done");
    }

    @Test
    void finishedJobsSurviveARestart() throws InterruptedException {
        TransferJobs before = jobs(1, 1);
        transfers.open();
        JobSnapshot job = before.submit(FakeTransfers.command(1), "random:0");
        awaitFinished(before, job.id());
        byte[] result = before.result(job.id());
        before.close();

        TransferJobs after = jobs(1, 1);

        assertThat(after.get(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(after.result(job.id())).isEqualTo(result);
        assertThat(Flux.from(after.events(job.id())).collectList().block(WAIT)).extracting(JobEvent::name)
                .containsExactly("done");
    }

    @Test
    void aShutdownRecordsUnfinishedJobsAsInterrupted() throws InterruptedException {
        TransferJobs before = jobs(1, 1);
        JobSnapshot running = before.submit(FakeTransfers.command(5), "random:0");
        assertThat(transfers.awaitStarted()).isTrue();
        JobSnapshot queued = before.submit(FakeTransfers.command(5), "random:0");

        before.close();
        TransferJobs after = jobs(1, 1);

        assertThat(after.get(running.id())).satisfies(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(job.error()).isEqualTo(TransferJobs.RESTARTED_WHILE_RUNNING);
        });
        assertThat(after.get(queued.id())).satisfies(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(job.error()).isEqualTo(TransferJobs.RESTARTED_WHILE_QUEUED).contains("not kept");
        });
    }

    @Test
    void aCrashLeavesRecordsThatTheNextStartMarksFailed() throws Exception {
        Instant created = Instant.parse("2026-01-01T10:00:00Z");
        JobStore store = new JobStore(dir, JSON);
        store.save(new JobSnapshot("running-1", JobStatus.RUNNING, 7, 10, new Losses(6, 1, 2, 3), 2.5, null, created,
                created, null, "vgg19", null, new JobStage(1, 1, 64), null));
        store.save(new JobSnapshot("queued-1", JobStatus.QUEUED, 0, 10, null, 0, null, created, null, null, "vgg19",
                null, null, null));
        Files.writeString(dir.resolve("garbage.json"), "{not json");
        Files.writeString(dir.resolve("queued-1.json.123.part"), "half");

        TransferJobs jobs = jobs(1, 1);

        assertThat(jobs.get("running-1").status()).isEqualTo(JobStatus.FAILED);
        assertThat(jobs.get("running-1").error()).isEqualTo(TransferJobs.RESTARTED_WHILE_RUNNING);
        assertThat(jobs.get("running-1").iteration()).isEqualTo(7);
        assertThat(jobs.get("queued-1").error()).isEqualTo(TransferJobs.RESTARTED_WHILE_QUEUED);
        assertThat(new JobStore(dir, JSON).loadAll()).extracting(JobSnapshot::status).containsOnly(JobStatus.FAILED);
        assertThat(dir.resolve("queued-1.json.123.part")).doesNotExist();
        assertThatThrownBy(() -> jobs.get("garbage")).isInstanceOf(UnknownJobException.class);
    }

    @Test
    void aRecordWrittenBeforeJobsHadStagesStillLoads() throws Exception {
        // as the service wrote finished jobs before progress carried the stage
        Files.writeString(dir.resolve("old-1.json"), "{\"id\":\"old-1\",\"status\":\"SUCCEEDED\",\"iteration\":5,"
                + "\"iterations\":5,\"losses\":{\"total\":6.0,\"content\":1.0,\"style\":2.0,\"tv\":3.0},"
                + "\"itPerSecond\":2.0,\"createdAt\":\"2026-01-01T10:00:00Z\",\"startedAt\":\"2026-01-01T10:00:01Z\","
                + "\"finishedAt\":\"2026-01-01T10:00:04Z\",\"weights\":\"random:0\",\"backend\":\"cpu: test\"}");

        TransferJobs jobs = jobs(1, 1);

        assertThat(jobs.get("old-1").status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(jobs.get("old-1").stage()).isNull();
    }

    @Test
    void progressRecordsTheStageOfTheIteration() throws InterruptedException {
        TransferJobs jobs = jobs(1, 1);
        transfers.open();

        JobSnapshot job = awaitFinished(jobs, jobs.submit(FakeTransfers.command(3), "random:0").id());

        assertThat(job.stage()).isEqualTo(new JobStage(1, 1, 64));
        assertThat(job.iterations()).isEqualTo(3);
    }

    @Test
    void finishedJobsExpireWithTheirFiles() throws InterruptedException {
        TransferJobs jobs = jobs(1, 1, false, Duration.ofHours(1));
        transfers.open();
        JobSnapshot job = awaitFinished(jobs, jobs.submit(FakeTransfers.command(1), "random:0").id());
        assertThat(dir.resolve(job.id() + ".png")).exists();

        assertThat(jobs.sweepExpired(job.finishedAt().plus(Duration.ofMinutes(59)))).isZero();
        assertThat(jobs.expiry(job)).isEqualTo(job.finishedAt().plus(Duration.ofHours(1)));
        assertThat(jobs.sweepExpired(job.finishedAt().plus(Duration.ofHours(2)))).isEqualTo(1);

        assertThatThrownBy(() -> jobs.get(job.id())).isInstanceOf(UnknownJobException.class);
        assertThat(dir.resolve(job.id() + ".png")).doesNotExist();
        assertThat(dir.resolve(job.id() + ".json")).doesNotExist();
    }

    @Test
    void unknownIdsAreUnknownWhateverTheyLookLike() {
        TransferJobs jobs = jobs(1, 1);
        for (String id : List.of("nope", "../../etc/passwd", "")) {
            assertThatThrownBy(() -> jobs.get(id)).isInstanceOf(UnknownJobException.class);
        }
    }
}
