package dev.nst.core.service;

import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.tiling.Rect;
import dev.nst.core.domain.tiling.Tile;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.Optional;

/**
 * The content loss at one layer, {@code weight * mean((F_l(x) - F_l(content))^2)} with {@code weight} the content
 * weight times the layer's weight: the mean squared difference of the image's activations from the content photo's.
 * Under a content mask {@code m} (at the layer's grid, the same for every channel) the mean is over the mask's weight:
 * {@code weight * sum_{c,p} m[p] (F - T)^2 / (C * sum_p m[p])}. Defined by {@code ReferenceKernels.meanSquaredError}
 * in the core's test-jar, computed by {@link LossKernels#meanSquaredError}.
 *
 * <p>On a tile, the sum runs over the tile's interior only and is divided by the whole image's count, so that the
 * tiles' losses add up to the whole image's: the target is the tile's own features outside its interior (their
 * difference, and so their gradient, is exactly zero there) and the content's inside it.
 */
final class ContentLoss implements LayerLoss {

    private final VggLayer layer;
    private final double weight;
    private final Tensor target;
    private final Tensor elementWeights;
    private final double count;
    private final TensorScope scope;
    private Tensor tileTarget;
    private Tensor tileWeights;

    /** A loss over all of the layer's elements. */
    ContentLoss(VggLayer layer, double weight, Tensor target, TensorScope scope) {
        this(layer, weight, target, null, target.shape().size(), scope);
    }

    /**
     * @param target         the content's features at the layer, over the whole image
     * @param elementWeights the mask broadcast over the channels (shaped as the target), or null
     * @param count          what the weighted sum is divided by: {@code C * sum_p m[p]}, or the element count
     * @param scope          where a tile's target and weights are kept (the stage's)
     */
    ContentLoss(VggLayer layer, double weight, Tensor target, Tensor elementWeights, double count, TensorScope scope) {
        this.layer = layer;
        this.weight = weight;
        this.target = target;
        this.elementWeights = elementWeights;
        this.count = count;
        this.scope = scope;
    }

    @Override
    public VggLayer layer() {
        return layer;
    }

    @Override
    public double weight() {
        return weight;
    }

    /** The loss over the whole image, whose features are {@code features}. */
    double evaluate(LossKernels kernels, Tensor features, Tensor gradient) {
        return kernels.meanSquaredError(features, target, elementWeights, count, weight, gradient);
    }

    /** The share of {@code tile}'s interior, whose tile's features are {@code features}; gradient as above. */
    double evaluate(LossKernels kernels, Tile tile, Tensor features, Tensor gradient) {
        if (tile.isWholeImage()) {
            return evaluate(kernels, features, gradient);
        }
        int poolings = layer.poolingsBefore();
        Optional<Rect> inImage = tile.interiorInImageAt(poolings);
        if (inImage.isEmpty()) {
            return 0;
        }
        if (tileTarget == null) {
            tileTarget = scope.zeros(features.shape());
            tileWeights = elementWeights == null ? null : scope.zeros(features.shape());
        }
        Rect inTile = tile.interiorInTileAt(poolings).orElseThrow();
        kernels.copy(features, tileTarget);
        kernels.copyRegion(target, TiledNetwork.region(inImage.get()), tileTarget, inTile.y(), inTile.x());
        if (tileWeights != null) {
            kernels.copyRegion(elementWeights, TiledNetwork.region(tile.regionInImageAt(poolings)), tileWeights, 0, 0);
        }
        return kernels.meanSquaredError(features, tileTarget, tileWeights, count, weight, gradient);
    }
}
