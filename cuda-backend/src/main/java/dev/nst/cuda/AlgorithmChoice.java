package dev.nst.cuda;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntFunction;

/**
 * Picks a convolution algorithm from cuDNN's measurements ({@code cudnnFind...}): the fastest that succeeded,
 * preferring deterministic algorithms so that the same inputs give the same image, whose workspace fits the limit.
 * Workspace sizes are asked of cuDNN for the candidate itself rather than read from the measurement.
 */
public final class AlgorithmChoice {

    /** One measured algorithm. */
    public record Timing(int algorithm, boolean succeeded, float milliseconds, boolean deterministic) {
    }

    /** The algorithm to use and the workspace it needs. */
    public record Choice(int algorithm, long workspaceBytes) {
    }

    /** The most workspace an algorithm may use: a quarter of the free device memory, at most 1 GiB. */
    public static long workspaceLimit(long freeBytes) {
        return Math.max(0, Math.min(1L << 30, freeBytes / 4));
    }

    private AlgorithmChoice() {
    }

    /**
     * @param workspaceOf the workspace an algorithm needs, empty if cuDNN cannot say (the algorithm is skipped)
     */
    public static Optional<Choice> fastest(List<Timing> timings, IntFunction<OptionalLong> workspaceOf,
                                           long workspaceLimit) {
        Optional<Choice> deterministic = fastest(timings, workspaceOf, workspaceLimit, true);
        return deterministic.isPresent() ? deterministic : fastest(timings, workspaceOf, workspaceLimit, false);
    }

    private static Optional<Choice> fastest(List<Timing> timings, IntFunction<OptionalLong> workspaceOf,
                                            long workspaceLimit, boolean deterministicOnly) {
        List<Timing> candidates = timings.stream()
                .filter(Timing::succeeded)
                .filter(t -> t.deterministic() || !deterministicOnly)
                .filter(t -> Float.isFinite(t.milliseconds()) && t.milliseconds() >= 0)
                .sorted(Comparator.comparingDouble(Timing::milliseconds))
                .toList();
        for (Timing timing : candidates) {
            OptionalLong workspace = workspaceOf.apply(timing.algorithm());
            if (workspace.isPresent() && workspace.getAsLong() <= workspaceLimit) {
                return Optional.of(new Choice(timing.algorithm(), workspace.getAsLong()));
            }
        }
        return Optional.empty();
    }
}
