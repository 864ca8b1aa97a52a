package dev.nst.core.service;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** {@code L = L_content + L_style + L_tv} and its gradient, by one forward and one backward pass. */
final class NeuralStyleObjective implements Objective {

    private final FeatureNetwork network;
    private final LossKernels kernels;
    private final TensorScope scope;
    private final List<ContentLoss> contentLosses;
    private final List<StyleLoss> styleLosses;
    private final TotalVariationLoss tvLoss;
    private final Map<VggLayer, Tensor> layerGradients = new EnumMap<>(VggLayer.class);

    /** @param scope where the gradients with respect to the loss layers are kept (the stage's) */
    NeuralStyleObjective(FeatureNetwork network, LossKernels kernels, TensorScope scope, List<ContentLoss> contentLosses,
                         List<StyleLoss> styleLosses, TotalVariationLoss tvLoss) {
        this.network = network;
        this.kernels = kernels;
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
                content += loss.evaluate(kernels, features.get(loss.layer()), layerGradients.get(loss.layer()));
            }
            for (StyleLoss loss : styleLosses) {
                style += loss.evaluate(kernels, features.get(loss.layer()), layerGradients.get(loss.layer()));
            }
            network.backward(layerGradients, gradient);
        }
        double tv = tvLoss.evaluate(kernels, image, gradient);
        return new LossBreakdown(content, style, tv);
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
