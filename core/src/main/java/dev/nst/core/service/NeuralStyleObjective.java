package dev.nst.core.service;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.OptimizerKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code L = L_content + L_style + L_tv} and its gradient, by one forward and one backward pass.
 *
 * <p>With normalised gradients (jcjohnson's {@code -normalize_gradients}), each content and style term's gradient with
 * respect to its layer's activations is replaced before the backward pass by {@code weight * g / (|g|_1 + 1e-8)}, with
 * {@code g} the gradient of the term's unweighted mean: every term then pushes with a strength set by its weight
 * alone. The loss reported is unchanged, so the gradient is no longer the loss's (L-BFGS here has no line search that
 * would mind). Total variation is never normalised.
 */
final class NeuralStyleObjective implements Objective {

    /** Added to a gradient's L1 norm before dividing by it, as in jcjohnson/neural-style. */
    static final double NORMALIZATION_EPSILON = 1e-8;

    private final FeatureNetwork network;
    private final LossKernels kernels;
    private final OptimizerKernels vectors;
    private final TensorScope scope;
    private final List<ContentLoss> contentLosses;
    private final List<StyleLoss> styleLosses;
    private final TotalVariationLoss tvLoss;
    private final Map<VggLayer, Tensor> layerGradients = new EnumMap<>(VggLayer.class);
    private final Map<VggLayer, Tensor> termGradients = new EnumMap<>(VggLayer.class);

    /**
     * @param vectors the arithmetic that normalises each term's gradient, or null to leave gradients as they are
     * @param scope   where the gradients with respect to the loss layers are kept (the stage's)
     */
    NeuralStyleObjective(FeatureNetwork network, LossKernels kernels, OptimizerKernels vectors, TensorScope scope,
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
            Map<VggLayer, Tensor> features = network.forward(image);
            prepareLayerGradients(features);
            for (ContentLoss loss : contentLosses) {
                content += evaluate(loss, features.get(loss.layer()));
            }
            for (StyleLoss loss : styleLosses) {
                style += evaluate(loss, features.get(loss.layer()));
            }
            network.backward(layerGradients, gradient);
        }
        double tv = tvLoss.evaluate(kernels, image, gradient);
        return new LossBreakdown(content, style, tv);
    }

    /** One term's loss; its gradient, normalised if asked, is added to its layer's. */
    private double evaluate(LayerLoss loss, Tensor features) {
        Tensor layerGradient = layerGradients.get(loss.layer());
        if (vectors == null) {
            return loss.evaluate(kernels, features, layerGradient);
        }
        Tensor term = termGradients.computeIfAbsent(loss.layer(), k -> scope.zeros(features.shape()));
        kernels.zero(term);
        double value = loss.evaluate(kernels, features, term);
        // term = weight * g, so weight * g / (|g|_1 + eps) = term / (|term|_1 / weight + eps)
        double norm = vectors.sumAbs(term) / loss.weight();
        vectors.axpy(1.0 / (norm + NORMALIZATION_EPSILON), term, layerGradient);
        return value;
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
