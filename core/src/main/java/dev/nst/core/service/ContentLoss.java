package dev.nst.core.service;

import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;

/**
 * The content loss at one layer, {@code weight * mean((F_l(x) - F_l(content))^2)} with {@code weight} the content
 * weight times the layer's weight: the mean squared difference of the image's activations from the content photo's.
 * Under a content mask {@code m} (at the layer's grid, the same for every channel) the mean is over the mask's weight:
 * {@code weight * sum_{c,p} m[p] (F - T)^2 / (C * sum_p m[p])}. Defined by {@code ReferenceKernels.meanSquaredError}
 * in the core's test-jar, computed by {@link LossKernels#meanSquaredError}.
 */
final class ContentLoss implements LayerLoss {

    private final VggLayer layer;
    private final double weight;
    private final Tensor target;
    private final Tensor elementWeights;
    private final double count;

    /** A loss over all of the layer's elements. */
    ContentLoss(VggLayer layer, double weight, Tensor target) {
        this(layer, weight, target, null, target.shape().size());
    }

    /**
     * @param elementWeights the mask broadcast over the channels (shaped as the target), or null
     * @param count          what the weighted sum is divided by: {@code C * sum_p m[p]}, or the element count
     */
    ContentLoss(VggLayer layer, double weight, Tensor target, Tensor elementWeights, double count) {
        this.layer = layer;
        this.weight = weight;
        this.target = target;
        this.elementWeights = elementWeights;
        this.count = count;
    }

    @Override
    public VggLayer layer() {
        return layer;
    }

    @Override
    public double weight() {
        return weight;
    }

    @Override
    public double evaluate(LossKernels kernels, Tensor features, Tensor gradient) {
        return kernels.meanSquaredError(features, target, elementWeights, count, weight, gradient);
    }
}
