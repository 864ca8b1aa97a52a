package dev.nst.core.service;

import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.tiling.Tile;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.ArrayList;
import java.util.List;

/**
 * The style loss at one layer, {@code weight * sum_i mean((G_i(x) - A_i)^2)} with {@code weight} the style weight
 * times the layer's weight: the mean squared difference of the image's {@link Gram} matrix from each target. Unmasked
 * there is one term, the plain Gram matrix against the blended target; with style masks one term per style, the
 * masked Gram matrix against that style's own target. Defined by {@code ReferenceKernels.gram} and
 * {@code ReferenceKernels.meanSquaredError} in the core's test-jar; its gradient flows back through
 * {@link LossKernels#gramBackward}.
 *
 * <p>It is computed in three steps, so that the image may be seen tile by tile: each tile adds its interior's share
 * to the Gram matrices ({@link #accumulate}); then the loss and its gradient with respect to each Gram matrix are
 * computed once ({@link #loss}); then each tile takes its share of the gradient ({@link #backward}).
 */
final class StyleLoss implements LayerLoss {

    /**
     * One style's share of the loss at this layer.
     *
     * @param target      its target Gram matrix
     * @param tileWeights per tile, the position weights of its Gram matrix on that tile's grid ({@code 1 x h x w}: the
     *                    mask squared, 0 outside the tile's interior), or null where every position counts fully (the
     *                    whole image, unmasked)
     * @param scale       the Gram matrix's normaliser over the whole image (see {@link Gram})
     */
    record Term(Tensor target, List<Tensor> tileWeights, double scale) {

        Term {
            tileWeights = new ArrayList<>(tileWeights); // may hold null
        }

        Tensor weightsOf(Tile tile) {
            return tileWeights.get(tile.index());
        }
    }

    private final VggLayer layer;
    private final double weight;
    private final List<Term> terms;
    private final List<Tensor> grams = new ArrayList<>();
    private final List<Tensor> gramGradients = new ArrayList<>();

    /** @param scope where the loss keeps its Gram matrices and their gradients (the stage's) */
    StyleLoss(VggLayer layer, double weight, List<Term> terms, TensorScope scope) {
        this.layer = layer;
        this.weight = weight;
        this.terms = List.copyOf(terms);
        for (Term term : terms) {
            grams.add(scope.zeros(term.target().shape()));
            gramGradients.add(scope.zeros(term.target().shape()));
        }
    }

    @Override
    public VggLayer layer() {
        return layer;
    }

    @Override
    public double weight() {
        return weight;
    }

    /** Adds {@code tile}'s share to the Gram matrices; the first tile of a pass overwrites them. */
    void accumulate(LossKernels kernels, Tile tile, Tensor features, boolean first) {
        for (int i = 0; i < terms.size(); i++) {
            Term term = terms.get(i);
            Gram.compute(kernels, features, term.weightsOf(tile), term.scale(), !first, grams.get(i));
        }
    }

    /** The weighted loss of the Gram matrices accumulated; keeps its gradient with respect to each. */
    double loss(LossKernels kernels) {
        double loss = 0;
        for (int i = 0; i < terms.size(); i++) {
            Tensor gramGradient = gramGradients.get(i);
            kernels.zero(gramGradient);
            loss += kernels.meanSquaredError(grams.get(i), terms.get(i).target(), null, grams.get(i).shape().size(),
                    weight, gramGradient);
        }
        return loss;
    }

    /** Accumulates {@code tile}'s share of the gradient with respect to the layer's activations into {@code gradient}. */
    void backward(LossKernels kernels, Tile tile, Tensor features, Tensor gradient) {
        for (int i = 0; i < terms.size(); i++) {
            Term term = terms.get(i);
            Gram.backward(kernels, features, term.weightsOf(tile), term.scale(), gramGradients.get(i), gradient);
        }
    }
}
