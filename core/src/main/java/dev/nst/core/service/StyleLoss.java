package dev.nst.core.service;

import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.List;

/**
 * The style loss at one layer, {@code weight * sum_i mean((G_i(x) - A_i)^2)} with {@code weight} the style weight
 * times the layer's weight: the mean squared difference of the image's {@link Gram} matrix from each target. Unmasked
 * there is one term, the plain Gram matrix against the blended target; with style masks one term per style, the
 * masked Gram matrix against that style's own target. Defined by {@code ReferenceKernels.gram} and
 * {@code ReferenceKernels.meanSquaredError} in the core's test-jar; its gradient flows back through
 * {@link LossKernels#gramBackward}.
 */
final class StyleLoss implements LayerLoss {

    /**
     * One style's share of the loss at this layer.
     *
     * @param target      its target Gram matrix
     * @param squaredMask where it applies, {@code m^2} at the layer's grid ({@code 1 x H x W}), or null: everywhere
     * @param maskSum     {@code sum_p m[p]} (unused without a mask)
     */
    record Term(Tensor target, Tensor squaredMask, double maskSum) {

        static Term everywhere(Tensor target) {
            return new Term(target, null, 0);
        }
    }

    private final VggLayer layer;
    private final double weight;
    private final List<Term> terms;
    private final Tensor gram;
    private final Tensor gramGradient;

    /** @param scope where the loss keeps its Gram matrix and its gradient (the stage's) */
    StyleLoss(VggLayer layer, double weight, List<Term> terms, TensorScope scope) {
        this.layer = layer;
        this.weight = weight;
        this.terms = List.copyOf(terms);
        this.gram = scope.zeros(terms.get(0).target().shape());
        this.gramGradient = scope.zeros(terms.get(0).target().shape());
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
        double loss = 0;
        for (Term term : terms) {
            Gram.compute(kernels, features, term.squaredMask(), term.maskSum(), gram);
            kernels.zero(gramGradient);
            loss += kernels.meanSquaredError(gram, term.target(), null, gram.shape().size(), weight, gramGradient);
            if (gradient != null) {
                Gram.backward(kernels, features, term.squaredMask(), term.maskSum(), gramGradient, gradient);
            }
        }
        return loss;
    }
}
