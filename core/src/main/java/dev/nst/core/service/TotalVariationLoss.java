package dev.nst.core.service;

import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;

/**
 * {@code tvWeight / 2 * sum of squared differences between neighbouring pixels}: keeps the image smooth. Defined by
 * {@code ReferenceKernels.totalVariation} in the core's test-jar, computed by {@link LossKernels#totalVariation}.
 */
final class TotalVariationLoss {

    private final double weight;

    TotalVariationLoss(double weight) {
        this.weight = weight;
    }

    double evaluate(LossKernels kernels, Tensor image, Tensor gradient) {
        return weight == 0 ? 0 : kernels.totalVariation(image, weight, gradient);
    }
}
