package dev.nst.core.service;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.MemoryKind;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.Stage;
import dev.nst.core.port.in.StagePlan;
import dev.nst.core.port.in.Tiling;
import dev.nst.core.port.in.TransferPlan;
import dev.nst.core.port.in.TransferSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What would fit a transfer whose plan does not: settings that fit on their own (the others as given), each tried by
 * planning the transfer with it. Tiles (a size where tiles alone suffice, else {@code auto}, which may shorten the
 * L-BFGS history too), a shorter L-BFGS history, Adam, a smaller size; for a heap too small, a larger heap.
 */
final class PlanAdvice {

    private final Function<TransferSettings, TransferPlan> plan;

    /** @param plan plans the same transfer with other settings (without looking for advice itself) */
    PlanAdvice(Function<TransferSettings, TransferPlan> plan) {
        this.plan = plan;
    }

    /** The hints for {@code settings}, whose plan falls short by {@code shortfall}, in order of preference. */
    List<Hint> hints(TransferSettings settings, TransferPlan.Shortfall shortfall) {
        List<Hint> hints = new ArrayList<>();
        if (shortfall.memory() == MemoryKind.JAVA_HEAP) {
            hints.add(Hint.moreJavaHeap((int) Math.min(Integer.MAX_VALUE, (shortfall.neededBytes() >> 20) * 5 / 4 + 64)));
            return hints;
        }
        if (!(settings.tiling() instanceof Tiling.Auto)) {
            TransferPlan tiles = plan.apply(with(settings).tiling(new Tiling.Auto()).build());
            if (tiles.fits()) {
                hints.add(tiles.historyShortened() ? Hint.useTiles() : Hint.useTiles(smallestTile(tiles)));
            }
        }
        if (settings.optimizer() == OptimizerKind.LBFGS) {
            int history = longestHistoryThatFits(settings, settings.effectiveLbfgsHistory() - 1);
            if (history > 0) {
                hints.add(Hint.shortenLbfgsHistory(history));
            }
            if (fits(with(settings).optimizer(OptimizerKind.ADAM))) {
                hints.add(Hint.useAdam());
            }
        }
        int size = largestSizeThatFits(settings);
        hints.add(size > 0 ? Hint.reduceSizeTo(size) : Hint.reduceSize());
        return hints;
    }

    /** The longest L-BFGS history up to {@code most}, given explicitly with the other settings, that fits; else 0. */
    private int longestHistoryThatFits(TransferSettings settings, int most) {
        if (most < 1 || !fits(with(settings).lbfgsHistory(1))) {
            return 0;
        }
        int low = 1;
        int high = most;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (fits(with(settings).lbfgsHistory(mid))) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /**
     * The largest output size (in one stage, the other settings as given) that fits, by bisection; 0 if none down to
     * the smallest the layers allow.
     */
    private int largestSizeThatFits(TransferSettings settings) {
        Stage last = settings.stages().get(settings.stages().size() - 1);
        int low = 0;
        int high = last.size() - 1;
        int minimum = settings.deepestLayer().minimumInputSide();
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (mid < minimum || fits(with(settings).stages(List.of(new Stage(mid, last.iterations()))))) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low >= minimum ? low : 0;
    }

    private boolean fits(TransferSettings.Builder settings) {
        return plan.apply(settings.build()).fits();
    }

    /** A builder holding {@code settings}. */
    private static TransferSettings.Builder with(TransferSettings settings) {
        return TransferSettings.from(settings);
    }

    /** The smallest tile interior any stage of {@code plan} uses. */
    private static int smallestTile(TransferPlan plan) {
        return plan.stages().stream().mapToInt(StagePlan::tileSize).filter(t -> t > 0).min().orElse(0);
    }
}
