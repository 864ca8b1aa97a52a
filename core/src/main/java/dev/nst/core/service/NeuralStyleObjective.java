package dev.nst.core.service;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.tiling.Tile;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.OptimizerKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code L = L_content + L_style + L_tv} and its gradient. On the whole image this is one forward and one backward
 * pass. On tiles ({@link TiledNetwork}) it is two passes over the tiles: the first adds each tile's interior to the
 * style layers' Gram matrices, whose loss and gradient are then computed once; the second runs each tile backward from
 * the gradient of its interior's features (the content terms' included) and adds its image gradient into the whole
 * gradient. The second pass visits the tiles in the opposite order, so the tile the first pass ended on needs no second
 * forward pass. Total variation is computed on the whole image. The result equals the untiled one up to float rounding.
 *
 * <p>With normalised gradients (jcjohnson's {@code -normalize_gradients}), each content and style term's gradient with
 * respect to its layer's activations is replaced before the backward pass by {@code weight * g / (|g|_1 + 1e-8)}, with
 * {@code g} the gradient of the term's unweighted mean: every term then pushes with a strength set by its weight
 * alone. On tiles, the norms are summed over the tiles in a pass of their own before the backward pass. The loss
 * reported is unchanged, so the gradient is no longer the loss's (L-BFGS here has no line search that would mind).
 * Total variation is never normalised.
 */
final class NeuralStyleObjective implements Objective {

    /** Added to a gradient's L1 norm before dividing by it, as in jcjohnson/neural-style. */
    static final double NORMALIZATION_EPSILON = 1e-8;

    private final TiledNetwork network;
    private final LossKernels kernels;
    private final OptimizerKernels vectors;
    private final TensorScope scope;
    private final List<ContentLoss> contentLosses;
    private final List<StyleLoss> styleLosses;
    private final TotalVariationLoss tvLoss;
    private final Map<VggLayer, Tensor> layerGradients = new EnumMap<>(VggLayer.class);
    private final Map<VggLayer, Tensor> termGradients = new EnumMap<>(VggLayer.class);
    private final Map<LayerLoss, Double> norms = new IdentityHashMap<>();

    /**
     * @param vectors the arithmetic that normalises each term's gradient, or null to leave gradients as they are
     * @param scope   where the gradients with respect to the loss layers are kept (the stage's)
     */
    NeuralStyleObjective(TiledNetwork network, LossKernels kernels, OptimizerKernels vectors, TensorScope scope,
                         List<ContentLoss> contentLosses, List<StyleLoss> styleLosses, TotalVariationLoss tvLoss) {
        this.network = network;
        this.kernels = kernels;
        this.vectors = vectors;
        this.scope = scope;
        this.contentLosses = contentLosses;
        this.styleLosses = styleLosses;
        this.tvLoss = tvLoss;
    }

    @Override
    public LossBreakdown evaluate(Tensor image, Tensor gradient) {
        double content = 0;
        double style = 0;
        if (contentLosses.isEmpty() && styleLosses.isEmpty()) {
            kernels.zero(gradient);
        } else {
            network.imageChanged();
            if (!network.isWhole()) {
                kernels.zero(gradient);
            }
            accumulateGramMatrices(image);
            for (StyleLoss loss : styleLosses) {
                style += loss.loss(kernels);
            }
            if (vectors != null && !network.isWhole()) {
                sumTermNorms(image);
            }
            content = backward(image, gradient);
        }
        double tv = tvLoss.evaluate(kernels, image, gradient);
        return new LossBreakdown(content, style, tv);
    }

    /** Pass 1: every tile's interior into the style layers' Gram matrices. */
    private void accumulateGramMatrices(Tensor image) {
        if (styleLosses.isEmpty()) {
            return;
        }
        boolean first = true;
        for (Tile tile : inPassOrder()) {
            Map<VggLayer, Tensor> features = network.forward(tile, image);
            for (StyleLoss loss : styleLosses) {
                loss.accumulate(kernels, tile, features.get(loss.layer()), first);
            }
            first = false;
        }
    }

    /** On tiles with normalised gradients: each term's L1 norm over all tiles, before any is backpropagated. */
    private void sumTermNorms(Tensor image) {
        norms.clear();
        for (Tile tile : inPassOrder()) {
            Map<VggLayer, Tensor> features = network.forward(tile, image);
            for (ContentLoss loss : contentLosses) {
                Tensor term = termGradient(loss.layer(), features);
                loss.evaluate(kernels, tile, features.get(loss.layer()), term);
                norms.merge(loss, vectors.sumAbs(term) / loss.weight(), Double::sum);
            }
            for (StyleLoss loss : styleLosses) {
                Tensor term = termGradient(loss.layer(), features);
                loss.backward(kernels, tile, features.get(loss.layer()), term);
                norms.merge(loss, vectors.sumAbs(term) / loss.weight(), Double::sum);
            }
        }
    }

    /** Pass 2: every tile backward from its interior's gradient; returns the content loss. */
    private double backward(Tensor image, Tensor gradient) {
        double content = 0;
        for (Tile tile : inPassOrder()) {
            Map<VggLayer, Tensor> features = network.forward(tile, image);
            prepareLayerGradients(features);
            for (ContentLoss loss : contentLosses) {
                Tensor features1 = features.get(loss.layer());
                if (vectors == null) {
                    content += loss.evaluate(kernels, tile, features1, layerGradients.get(loss.layer()));
                } else {
                    Tensor term = termGradient(loss.layer(), features);
                    content += loss.evaluate(kernels, tile, features1, term);
                    addNormalised(loss, term);
                }
            }
            for (StyleLoss loss : styleLosses) {
                Tensor features1 = features.get(loss.layer());
                if (vectors == null) {
                    loss.backward(kernels, tile, features1, layerGradients.get(loss.layer()));
                } else {
                    Tensor term = termGradient(loss.layer(), features);
                    loss.backward(kernels, tile, features1, term);
                    addNormalised(loss, term);
                }
            }
            network.backward(tile, layerGradients, gradient);
        }
        return content;
    }

    /**
     * The tiles in the order of the next pass: starting from the tile whose state the network holds, so that it is
     * not run forward again.
     */
    private List<Tile> inPassOrder() {
        List<Tile> tiles = network.tiles();
        if (network.loaded() == tiles.size() - 1 && tiles.size() > 1) {
            List<Tile> reversed = new ArrayList<>(tiles);
            java.util.Collections.reverse(reversed);
            return reversed;
        }
        return tiles;
    }

    /**
     * {@code term} = weight * g, so weight * g / (|g|_1 + eps) = term / (|term|_1 / weight + eps); on the whole image
     * the norm is the term's own, on tiles the sum of every tile's.
     */
    private void addNormalised(LayerLoss loss, Tensor term) {
        double norm = network.isWhole() ? vectors.sumAbs(term) / loss.weight() : norms.getOrDefault(loss, 0.0);
        vectors.axpy(1.0 / (norm + NORMALIZATION_EPSILON), term, layerGradients.get(loss.layer()));
    }

    /** A zeroed buffer for one term's gradient at {@code layer}. */
    private Tensor termGradient(VggLayer layer, Map<VggLayer, Tensor> features) {
        Tensor term = termGradients.computeIfAbsent(layer, k -> scope.zeros(features.get(k).shape()));
        kernels.zero(term);
        return term;
    }

    /** Zeroed gradient buffers for the loss layers, allocated on the first evaluation and reused after it. */
    private void prepareLayerGradients(Map<VggLayer, Tensor> features) {
        if (layerGradients.isEmpty()) {
            contentLosses.forEach(l -> layerGradients.computeIfAbsent(l.layer(), k -> scope.zeros(features.get(k).shape())));
            styleLosses.forEach(l -> layerGradients.computeIfAbsent(l.layer(), k -> scope.zeros(features.get(k).shape())));
        } else {
            layerGradients.values().forEach(kernels::zero);
        }
    }
}
