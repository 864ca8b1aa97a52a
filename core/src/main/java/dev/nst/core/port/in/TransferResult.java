package dev.nst.core.port.in;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.RgbImage;
import java.time.Duration;

/**
 * The stylised image and how it was obtained.
 *
 * @param image       the result, with the content's transparency if it had any
 * @param iterations  optimisation steps taken
 * @param elapsed     time spent optimising (after capturing the targets)
 * @param backend     description of the compute backend that ran it
 * @param weights     description of the network weights used
 * @param lossWeights the loss weights in effect: those given, and the network's defaults for the others
 * @param plan        the plan it ran with (tiles, L-BFGS history per stage), or null where it was not planned
 */
public record TransferResult(RgbImage image, LossBreakdown finalLoss, int iterations, Duration elapsed,
                             String backend, String weights, LossWeights lossWeights, TransferPlan plan) {

    /** A result whose plan is not known. */
    public TransferResult(RgbImage image, LossBreakdown finalLoss, int iterations, Duration elapsed, String backend,
                          String weights, LossWeights lossWeights) {
        this(image, finalLoss, iterations, elapsed, backend, weights, lossWeights, null);
    }
}
