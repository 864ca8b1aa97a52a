package dev.nst.core.service;

import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;

/**
 * The style loss at one layer, {@code styleWeight * mean((G_l(x) - A_l)^2)}: the mean squared difference of the
 * image's {@link Gram} matrix from {@code A_l}, the blended Gram matrix of the style images. Defined by
 * {@code ReferenceKernels.gram} and {@code ReferenceKernels.meanSquaredError} in the core's test-jar; its gradient
 * flows back through {@link LossKernels#gramBackward}.
 */
final class StyleLoss {

    private final VggLayer layer;
    private final double weight;
    private final Tensor target;
    private final Tensor gram;
    private final Tensor gramGradient;

    /** @param scope where the loss keeps its Gram matrix and its gradient (the stage's) */
    StyleLoss(VggLayer layer, double weight, Tensor target, TensorScope scope) {
        this.layer = layer;
        this.weight = weight;
        this.target = target;
        this.gram = scope.zeros(target.shape());
        this.gramGradient = scope.zeros(target.shape());
    }

    VggLayer layer() {
        return layer;
    }

    /** The weighted loss; accumulates its gradient with respect to the layer's activations. */
    double evaluate(LossKernels kernels, Tensor features, Tensor gradient) {
        Gram.compute(kernels, features, gram);
        kernels.zero(gramGradient);
        double loss = kernels.meanSquaredError(gram, target, null, gram.shape().size(), weight, gramGradient);
        if (gradient != null) {
            Gram.backward(kernels, features, gramGradient, gradient);
        }
        return loss;
    }
}
