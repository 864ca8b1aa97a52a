package dev.nst.http.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.InsufficientMemoryException;
import dev.nst.core.domain.MemoryKind;
import dev.nst.core.port.in.PlanTransferUseCase;
import dev.nst.core.port.in.StagePlan;
import dev.nst.core.port.in.TransferPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Jobs run at once only as far as their plans' memory fits the server's budget together, in the order they came; a
 * job that can never fit is refused when submitted.
 */
class MemoryAdmissionTest extends JobServiceTest {

    private static final long MIB = 1L << 20;

    /** A plan whose transfer adds {@code own} MiB to the process, fitting or not. */
    private static TransferPlan plan(long own, boolean fits) {
        long baseline = 200 * MIB;
        StagePlan stage = new StagePlan(32, 32, 32, 2, 0, 1, 32, 32, 0, 100, baseline + own * MIB, 0, 0.1);
        return new TransferPlan("fake", false, List.of(stage), 1000 * MIB, OptionalLong.empty(), 10 * MIB,
                4096 * MIB, fits ? Optional.empty()
                        : Optional.of(new TransferPlan.Shortfall(MemoryKind.HOST, baseline + own * MIB, 1000 * MIB, 1)),
                fits ? List.of() : List.of(Hint.useTiles(256)), false, false, baseline + own * MIB, baseline, 0.1);
    }

    private TransferJobs jobs(int workers, long budgetMiB, PlanTransferUseCase planner) {
        TransferJobs jobs = new TransferJobs(() -> transfers, false, 1,
                new MemoryAdmission(() -> planner, budgetMiB * MIB, 4096 * MIB), new JobStore(dir, JSON),
                new JobSettings(workers, 4, dir, Duration.ofHours(1), Duration.ofSeconds(7), Duration.ZERO),
                Clock.systemUTC());
        return opened(jobs);
    }

    @Test
    void twoJobsThatDoNotFitTogetherRunOneAfterTheOtherWhateverTheWorkers() throws InterruptedException {
        TransferJobs jobs = jobs(2, 1000, query -> plan(600, true));

        JobSnapshot first = jobs.submit(FakeTransfers.command(1), "random:0");
        JobSnapshot second = jobs.submit(FakeTransfers.command(1), "random:0");

        assertThat(transfers.awaitStarted()).isTrue();
        Thread.sleep(300);
        assertThat(jobs.get(second.id()).status()).isEqualTo(JobStatus.QUEUED);
        assertThat(jobs.load().running()).isEqualTo(1);
        assertThat(jobs.load().memoryReserved()).isEqualTo(600 * MIB);
        assertThat(jobs.load().memoryBudget()).isEqualTo(1000 * MIB);

        transfers.open();
        assertThat(awaitFinished(jobs, first.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(awaitFinished(jobs, second.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
        // the worker gives the reservation back just after it has recorded the job's end
        assertThat(awaitReleased(jobs)).isZero();
    }

    @Test
    void jobsThatFitTogetherRunTogether() throws InterruptedException {
        TransferJobs jobs = jobs(2, 1000, query -> plan(400, true));

        jobs.submit(FakeTransfers.command(1), "random:0");
        jobs.submit(FakeTransfers.command(1), "random:0");

        assertThat(transfers.awaitStarted()).isTrue();
        assertThat(transfers.awaitStarted()).isTrue();
        assertThat(jobs.load().running()).isEqualTo(2);
        assertThat(jobs.load().memoryReserved()).isEqualTo(800 * MIB);
    }

    @Test
    void aJobThatCanNeverFitIsRefusedNamingWhatWould() {
        TransferJobs jobs = jobs(2, 1000, query -> plan(5000, false));

        assertThatThrownBy(() -> jobs.submit(FakeTransfers.command(1), "random:0"))
                .isInstanceOf(InsufficientMemoryException.class)
                .hasMessageStartingWith("not enough memory: the transfer needs about")
                .satisfies(e -> assertThat(((InsufficientMemoryException) e).hints()).containsExactly(
                        Hint.useTiles(256)));
        assertThat(jobs.load().queued()).isZero();
    }

    @Test
    void aQueuedJobWaitingForMemoryCanBeCancelled() throws InterruptedException {
        TransferJobs jobs = jobs(2, 1000, query -> plan(600, true));
        jobs.submit(FakeTransfers.command(1), "random:0");
        assertThat(transfers.awaitStarted()).isTrue();
        JobSnapshot waiting = jobs.submit(FakeTransfers.command(1), "random:0");

        JobSnapshot cancelled = jobs.cancel(waiting.id(), Duration.ofSeconds(5));

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        transfers.open();
        Thread.sleep(500);
        assertThat(transfers.runs.get()).isEqualTo(1);
    }

    @Test
    void theLineIsTheOrderOfSubmissionNotTheOrderInWhichWorkersAsk() throws Exception {
        MemoryAdmission admission = new MemoryAdmission(() -> query -> plan(600, true), 1000 * MIB, 4096 * MIB);
        MemoryAdmission.Reservation each = new MemoryAdmission.Reservation(600 * MIB, 0);
        MemoryAdmission.Turn first = admission.queue(each, () -> false);
        MemoryAdmission.Turn second = admission.queue(each, () -> false);

        java.util.concurrent.CompletableFuture<Boolean> secondAsksFirst = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> acquire(admission, second));
        Thread.sleep(300);
        assertThat(secondAsksFirst).isNotDone();
        assertThat(admission.acquire(first)).isTrue();
        admission.release(each);
        assertThat(secondAsksFirst.get(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anAbandonedJobLeavesTheLineAndHoldsNoOneUp() throws Exception {
        MemoryAdmission admission = new MemoryAdmission(() -> query -> plan(100, true), 1000 * MIB, 4096 * MIB);
        MemoryAdmission.Reservation small = new MemoryAdmission.Reservation(100 * MIB, 0);
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        MemoryAdmission.Turn neverRuns = admission.queue(small, cancelled::get);
        MemoryAdmission.Turn next = admission.queue(small, () -> false);
        cancelled.set(true);

        assertThat(admission.acquire(next)).isTrue();
        assertThat(admission.acquire(neverRuns)).isFalse();
    }

    private static boolean acquire(MemoryAdmission admission, MemoryAdmission.Turn turn) {
        try {
            return admission.acquire(turn);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long awaitReleased(TransferJobs jobs) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (jobs.load().memoryReserved() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return jobs.load().memoryReserved();
    }

}
