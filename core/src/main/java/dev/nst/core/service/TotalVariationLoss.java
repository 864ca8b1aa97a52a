package dev.nst.core.service;

import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorMath;

/** {@code tvWeight / 2 * sum of squared differences between neighbouring pixels}: keeps the image smooth. */
final class TotalVariationLoss {

    private final double weight;

    TotalVariationLoss(double weight) {
        this.weight = weight;
    }

    double evaluate(TensorMath math, Tensor image, Tensor gradient) {
        return weight == 0 ? 0 : math.totalVariation(image, weight, gradient);
    }
}
