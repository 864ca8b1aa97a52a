package dev.nst.core.service;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.TransferCancelledException;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.ProgressListener;
import dev.nst.core.port.out.Tensor;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Reports every evaluated iteration of every stage, stops a run whose loss is no longer a number, and honours
 * cancellation (thread interruption) between iterations.
 */
final class ProgressMonitor {

    private final ProgressListener listener;
    private final LongSupplier nanoTime;
    private final int stages;
    private final List<Hint> divergenceHints;
    private long start = -1;
    private LossBreakdown lastLoss;

    /** @param divergenceHints what to advise when the optimisation diverges */
    ProgressMonitor(ProgressListener listener, LongSupplier nanoTime, int stages, List<Hint> divergenceHints) {
        this.listener = listener;
        this.nanoTime = nanoTime;
        this.stages = stages;
        this.divergenceHints = divergenceHints;
    }

    /** Time since the first stage's optimisation started (its targets captured). */
    Duration elapsed() {
        return start < 0 ? Duration.ZERO : Duration.ofNanos(nanoTime.getAsLong() - start);
    }

    LossBreakdown lastLoss() {
        return lastLoss;
    }

    /**
     * The observer of stage {@code stage} (from 1) of {@code size} px and {@code iterations} iterations, whose image,
     * when asked for, is {@code picture} of the optimised tensor.
     */
    Optimizer.Observer stage(int stage, int size, int iterations, Function<Tensor, RgbImage> picture) {
        if (start < 0) {
            start = nanoTime.getAsLong();
        }
        return (iteration, loss, x) -> observe(new Progress(stage, stages, size, iteration, iterations, loss, elapsed(),
                () -> picture.apply(x)));
    }

    private void observe(Progress progress) {
        lastLoss = progress.loss();
        listener.onProgress(progress);
        if (!Double.isFinite(progress.loss().total())) {
            throw new TransferFailedException("the optimisation diverged at iteration " + progress.iteration()
                    + (progress.isStaged() ? " of stage " + progress.stage() : "")
                    + " (the loss is no longer a finite number)", divergenceHints);
        }
        if (Thread.currentThread().isInterrupted() && !progress.isLast()) {
            throw new TransferCancelledException(progress.iteration());
        }
    }
}
