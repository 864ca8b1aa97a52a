package dev.nst.core.service;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorMath;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** {@code L = L_content + L_style + L_tv} and its gradient, by one forward and one backward pass. */
final class NeuralStyleObjective implements Objective {

    private final FeatureNetwork network;
    private final TensorMath math;
    private final List<ContentLoss> contentLosses;
    private final List<StyleLoss> styleLosses;
    private final TotalVariationLoss tvLoss;
    private final Map<VggLayer, Tensor> layerGradients = new EnumMap<>(VggLayer.class);

    NeuralStyleObjective(FeatureNetwork network, TensorMath math, List<ContentLoss> contentLosses,
                         List<StyleLoss> styleLosses, TotalVariationLoss tvLoss) {
        this.network = network;
        this.math = math;
        this.contentLosses = contentLosses;
        this.styleLosses = styleLosses;
        this.tvLoss = tvLoss;
    }

    @Override
    public LossBreakdown evaluate(Tensor image, Tensor gradient) {
        double content = 0;
        double style = 0;
        if (contentLosses.isEmpty() && styleLosses.isEmpty()) {
            math.zero(gradient);
        } else {
            Map<VggLayer, Tensor> features = network.forward(image);
            prepareLayerGradients(features);
            for (ContentLoss loss : contentLosses) {
                content += loss.evaluate(math, features.get(loss.layer()), layerGradients.get(loss.layer()));
            }
            for (StyleLoss loss : styleLosses) {
                style += loss.evaluate(math, features.get(loss.layer()), layerGradients.get(loss.layer()));
            }
            network.backward(layerGradients, gradient);
        }
        double tv = tvLoss.evaluate(math, image, gradient);
        return new LossBreakdown(content, style, tv);
    }

    private void prepareLayerGradients(Map<VggLayer, Tensor> features) {
        if (layerGradients.isEmpty()) {
            contentLosses.forEach(l -> layerGradients.computeIfAbsent(l.layer(), k -> math.zeros(features.get(k).shape())));
            styleLosses.forEach(l -> layerGradients.computeIfAbsent(l.layer(), k -> math.zeros(features.get(k).shape())));
        } else {
            layerGradients.values().forEach(math::zero);
        }
    }
}
