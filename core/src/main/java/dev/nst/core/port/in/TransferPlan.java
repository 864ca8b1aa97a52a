package dev.nst.core.port.in;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.InsufficientMemoryException;
import dev.nst.core.domain.MemoryKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a transfer will need and what was chosen for it, before it runs: each stage's tiles, L-BFGS history, peak
 * memory and time per iteration, what the machine has, and whether it fits.
 *
 * @param backend            the backend planned for, as it describes itself
 * @param tensorsOnDevice    whether the backend's tensors live on a device (else in host memory)
 * @param stages             each stage's plan
 * @param availableHostBytes the memory the process may reach (what it holds now plus what is available, capped by a
 *                           memory limit)
 * @param availableDeviceBytes the device memory available, where the backend has a device
 * @param javaHeapBytes      the Java heap the transfer's pictures and weights take at their peak
 * @param maxJavaHeapBytes   the JVM's heap limit
 * @param shortfall          where it does not fit: which memory, by how much; empty when it fits
 * @param hints              settings that would fit, when it does not
 * @param tilesChosen        whether tiles were chosen because the whole image does not fit (under {@code auto})
 * @param historyShortened   whether the L-BFGS history was shortened to fit
 * @param wholeImageBytes    the peak (of the memory that binds) the whole image would need at the largest stage, with
 *                           the history asked for: what tiling and a shorter history avoid
 * @param processBaselineBytes the part of the host peak the process holds whatever it runs (the JVM, the backend's
 *                           native libraries): shared by transfers running in one process
 * @param wholeImageSecondsPerIteration the estimated seconds per iteration of the last stage on the whole image, to
 *                           compare with what tiles cost (NaN where the plan does not fit: it is not timed)
 */
public record TransferPlan(String backend, boolean tensorsOnDevice, List<StagePlan> stages, long availableHostBytes,
                           OptionalLong availableDeviceBytes, long javaHeapBytes, long maxJavaHeapBytes,
                           Optional<Shortfall> shortfall, List<Hint> hints, boolean tilesChosen,
                           boolean historyShortened, long wholeImageBytes, long processBaselineBytes,
                           double wholeImageSecondsPerIteration) {

    /** What does not fit: {@code neededBytes} of {@code memory} at stage {@code stage} (from 1), {@code available}. */
    public record Shortfall(MemoryKind memory, long neededBytes, long availableBytes, int stage) {
    }

    public TransferPlan {
        Objects.requireNonNull(backend, "backend");
        stages = List.copyOf(stages);
        hints = List.copyOf(hints);
        Objects.requireNonNull(shortfall, "shortfall");
        Objects.requireNonNull(availableDeviceBytes, "availableDeviceBytes");
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least one stage");
        }
    }

    public boolean fits() {
        return shortfall.isEmpty();
    }

    /** The highest host memory of any stage. */
    public long peakHostBytes() {
        return stages.stream().mapToLong(StagePlan::peakHostBytes).max().orElseThrow();
    }

    /** The host memory this transfer adds to a process already running: its peak less the process's baseline. */
    public long ownHostBytes() {
        return Math.max(0, peakHostBytes() - processBaselineBytes);
    }

    /** The highest device memory of any stage (0 where tensors live on the host). */
    public long peakDeviceBytes() {
        return stages.stream().mapToLong(StagePlan::peakDeviceBytes).max().orElseThrow();
    }

    /** The last stage's plan: the output's size. */
    public StagePlan last() {
        return stages.get(stages.size() - 1);
    }

    /** The last stage's tile interior, 0 for the whole image. */
    public int tileSize() {
        return last().tileSize();
    }

    /** The last stage's L-BFGS history (0 under Adam). */
    public int lbfgsHistory() {
        return last().lbfgsHistory();
    }

    /** The last stage's estimated seconds per iteration. */
    public double secondsPerIteration() {
        return last().secondsPerIteration();
    }

    /** The estimated time of every stage's iterations (each stage evaluates its initial image too). */
    public double estimatedSeconds() {
        return stages.stream().mapToDouble(s -> (s.iterations() + 1) * s.secondsPerIteration()).sum();
    }

    /**
     * This plan, if it fits; else the failure that names the memory, the estimate, what is available and the settings
     * that would fit. A plan that fits every memory but not a backend's largest tensor passes: the network refuses such
     * a tensor itself, naming it.
     *
     * @throws InsufficientMemoryException when the transfer does not fit
     */
    public TransferPlan requireFits() {
        if (shortfall.isEmpty() || shortfall.get().neededBytes() <= shortfall.get().availableBytes()) {
            return this;
        }
        Shortfall missing = shortfall.get();
        StagePlan stage = stages.get(missing.stage() - 1);
        String where = stages.size() == 1 ? "at " + stage.width() + "x" + stage.height() + " px"
                : "in stage " + missing.stage() + " of " + stages.size() + " (" + stage.width() + "x"
                + stage.height() + " px)";
        throw new InsufficientMemoryException(missing.memory(), missing.neededBytes(), missing.availableBytes(), where,
                hints);
    }

    /** Whether the plan made a choice the user did not ask for (tiles, a shorter history) to fit. */
    public boolean adjusted() {
        return tilesChosen || historyShortened;
    }
}
