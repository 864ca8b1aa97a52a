package dev.nst.core.service;

import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorMath;

/** {@code contentWeight * mean((F_l(x) - F_l(content))^2)} at one layer. */
final class ContentLoss {

    private final VggLayer layer;
    private final double weight;
    private final Tensor target;

    ContentLoss(VggLayer layer, double weight, Tensor target) {
        this.layer = layer;
        this.weight = weight;
        this.target = target;
    }

    VggLayer layer() {
        return layer;
    }

    /** The weighted loss; accumulates its gradient with respect to the layer's activations. */
    double evaluate(TensorMath math, Tensor features, Tensor gradient) {
        return math.meanSquaredError(features, target, weight, gradient);
    }
}
