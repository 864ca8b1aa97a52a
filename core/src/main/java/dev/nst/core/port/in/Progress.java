package dev.nst.core.port.in;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.RgbImage;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The state after evaluating iteration {@code iteration} of {@code iterations} in stage {@code stage} of
 * {@code stages} (a transfer of one stage is stage 1 of 1).
 *
 * @param stage      the stage, from 1
 * @param stages     how many stages the transfer has
 * @param size       the longer side of the image in this stage, in pixels
 * @param iteration  the iteration within the stage, from 0 (the stage's initial image)
 * @param iterations the iterations of this stage
 * @param elapsed    time since the optimisation started (targets already captured)
 * @param image      the image being optimised at this iteration; computing it costs a copy, so ask only when needed,
 *                   and only during the callback
 */
public record Progress(int stage, int stages, int size, int iteration, int iterations, LossBreakdown loss,
                       Duration elapsed, Supplier<RgbImage> image) {

    /** A report of a transfer of one stage at {@code size} px. */
    public static Progress ofOneStage(int size, int iteration, int iterations, LossBreakdown loss, Duration elapsed,
                                      Supplier<RgbImage> image) {
        return new Progress(1, 1, size, iteration, iterations, loss, elapsed, image);
    }

    /** The last iteration of its stage. */
    public boolean isLastOfStage() {
        return iteration == iterations;
    }

    /** The last iteration of the last stage: the result. */
    public boolean isLast() {
        return isLastOfStage() && stage == stages;
    }

    /** Whether the transfer runs in more than one stage. */
    public boolean isStaged() {
        return stages > 1;
    }
}
