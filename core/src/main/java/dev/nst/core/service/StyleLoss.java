package dev.nst.core.service;

import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorMath;

/**
 * {@code styleWeight * mean((G_l(x) - A_l)^2)} at one layer, where {@code G} is the Gram matrix
 * {@code F F^T / (C*H*W)} and {@code A_l} the blended Gram matrix of the style images.
 */
final class StyleLoss {

    private final VggLayer layer;
    private final double weight;
    private final Tensor target;
    private Tensor gram;
    private Tensor gramGradient;

    StyleLoss(VggLayer layer, double weight, Tensor target) {
        this.layer = layer;
        this.weight = weight;
        this.target = target;
    }

    VggLayer layer() {
        return layer;
    }

    /** The weighted loss; accumulates its gradient with respect to the layer's activations. */
    double evaluate(TensorMath math, Tensor features, Tensor gradient) {
        if (gram == null) {
            gram = math.zeros(target.shape());
            gramGradient = math.zeros(target.shape());
        }
        math.gram(features, gram);
        math.zero(gramGradient);
        double loss = math.meanSquaredError(gram, target, weight, gramGradient);
        if (gradient != null) {
            math.gramBackward(features, gramGradient, gradient);
        }
        return loss;
    }
}
