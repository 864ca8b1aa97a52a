package dev.nst.http.job;

import dev.nst.core.port.in.PlanTransferQuery;
import dev.nst.core.port.in.PlanTransferUseCase;
import dev.nst.core.port.in.TransferPlan;
import dev.nst.core.port.in.TransferStyleCommand;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Jobs admitted against the server's memory, by their plans: a job that can never fit the server's budget is refused
 * when it is submitted ({@link #reserve}); one that fits waits, in the order jobs were submitted, until what the
 * running jobs reserved leaves room for it ({@link #acquire}). The budget is what the process may reach, less its own
 * baseline (the JVM and the backend's libraries, shared by the jobs); each job reserves the host memory and the Java
 * heap its plan says it adds.
 */
public final class MemoryAdmission {

    /** What one job holds while it runs. */
    public record Reservation(long hostBytes, long heapBytes) {
        static final Reservation NONE = new Reservation(0, 0);
    }

    /** A job's place in the line, taken when it is submitted; it leaves the line when {@code abandoned} says so. */
    public static final class Turn {
        private final Reservation reservation;
        private final BooleanSupplier abandoned;

        private Turn(Reservation reservation, BooleanSupplier abandoned) {
            this.reservation = reservation;
            this.abandoned = abandoned;
        }

        public Reservation reservation() {
            return reservation;
        }
    }

    private static final long RECHECK_MILLIS = 200;

    private final Supplier<PlanTransferUseCase> planner;
    private final long hostBudget;
    private final long heapBudget;
    private final Deque<Turn> waiting = new ArrayDeque<>();
    private long hostReserved;
    private long heapReserved;

    /**
     * @param planner    plans a job against the server's budget (the use case, or a failure when no backend runs)
     * @param hostBudget host memory the jobs may reserve together
     * @param heapBudget Java heap the jobs may reserve together
     */
    public MemoryAdmission(Supplier<PlanTransferUseCase> planner, long hostBudget, long heapBudget) {
        this.planner = planner;
        this.hostBudget = hostBudget;
        this.heapBudget = heapBudget;
    }

    /** Admission that plans nothing and never waits (a device backend's jobs run one at a time anyway). */
    public static MemoryAdmission unlimited() {
        return new MemoryAdmission(null, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * What the job of {@code command} will hold while it runs.
     *
     * @throws dev.nst.core.domain.InsufficientMemoryException when it can never fit the server, naming what would
     */
    public Reservation reserve(TransferStyleCommand command) {
        if (planner == null) {
            return Reservation.NONE;
        }
        TransferPlan plan = planner.get().plan(PlanTransferQuery.of(command)).requireFits();
        return new Reservation(Math.min(plan.ownHostBytes(), hostBudget), Math.min(plan.javaHeapBytes(), heapBudget));
    }

    /**
     * Puts a submitted job in line: jobs get their memory in the order they were submitted, whichever worker thread
     * happens to ask first.
     *
     * @param abandoned whether the job no longer wants to run (cancelled, refused, or the server closing); such a job
     *                  leaves the line at once, holding no one up
     */
    public synchronized Turn queue(Reservation reservation, BooleanSupplier abandoned) {
        Turn turn = new Turn(reservation, abandoned);
        waiting.addLast(turn);
        notifyAll();
        return turn;
    }

    /**
     * Waits until the turn's reservation fits beside what the running jobs hold and every job submitted earlier got
     * its turn, then holds it; gives up (returning false) when the job is abandoned before it fits.
     */
    public boolean acquire(Turn turn) throws InterruptedException {
        Reservation reservation = turn.reservation;
        synchronized (this) {
            try {
                while (true) {
                    while (!waiting.isEmpty() && waiting.peekFirst() != turn
                            && waiting.peekFirst().abandoned.getAsBoolean()) {
                        waiting.removeFirst();
                    }
                    if (!waiting.contains(turn)) {
                        return false;
                    }
                    if (waiting.peekFirst() == turn && hostReserved + reservation.hostBytes() <= hostBudget
                            && heapReserved + reservation.heapBytes() <= heapBudget) {
                        hostReserved += reservation.hostBytes();
                        heapReserved += reservation.heapBytes();
                        return true;
                    }
                    if (turn.abandoned.getAsBoolean()) {
                        return false;
                    }
                    wait(RECHECK_MILLIS);
                }
            } finally {
                waiting.remove(turn);
                notifyAll();
            }
        }
    }

    /** Takes an abandoned job out of the line at once (a refused submission, a cancelled queued job). */
    public synchronized void leave(Turn turn) {
        waiting.remove(turn);
        notifyAll();
    }

    /** Gives back what {@link #acquire} held. */
    public synchronized void release(Reservation reservation) {
        hostReserved -= reservation.hostBytes();
        heapReserved -= reservation.heapBytes();
        notifyAll();
    }

    /** Host memory the running jobs hold. */
    public synchronized long reservedBytes() {
        return hostReserved;
    }

    /** Host memory the jobs may hold together. */
    public long budgetBytes() {
        return hostBudget;
    }
}
