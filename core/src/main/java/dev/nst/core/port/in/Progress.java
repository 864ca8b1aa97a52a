package dev.nst.core.port.in;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.RgbImage;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The state after evaluating iteration {@code iteration} of {@code iterations}.
 *
 * @param elapsed time since the optimisation started (targets already captured)
 * @param image   the image being optimised at this iteration; computing it costs a copy, so ask only when needed,
 *                and only during the callback
 */
public record Progress(int iteration, int iterations, LossBreakdown loss, Duration elapsed, Supplier<RgbImage> image) {

    public boolean isLast() {
        return iteration == iterations;
    }
}
