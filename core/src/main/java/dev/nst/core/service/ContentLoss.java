package dev.nst.core.service;

import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;

/**
 * The content loss at one layer, {@code contentWeight * mean((F_l(x) - F_l(content))^2)}: the mean squared difference
 * of the image's activations from the content photo's. Defined by {@code ReferenceKernels.meanSquaredError} in the
 * core's test-jar, computed by {@link LossKernels#meanSquaredError} over all of the layer's elements.
 */
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
    double evaluate(LossKernels kernels, Tensor features, Tensor gradient) {
        return kernels.meanSquaredError(features, target, null, features.shape().size(), weight, gradient);
    }
}
