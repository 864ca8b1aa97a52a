package dev.nst.core.service;

import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.in.StyleImage;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The style targets {@code A_l = sum_i b_i G_l(style_i)} of every style layer, blended {@link Gram} matrices of the
 * style images resized to a style size. Captured once per style size and kept for the whole transfer (they are small:
 * {@code C x C} per layer); a transfer of one stage captures them once.
 */
final class StyleTargets {

    private final FeatureNetwork network;
    private final LossKernels kernels;
    private final TensorScope scope;
    private final Preprocessing preprocessing;
    private final List<StyleImage> styles;
    private final List<VggLayer> layers;
    private final Map<Integer, List<Tensor>> bySize = new HashMap<>();

    /** @param scope where the targets are kept (the session's) */
    StyleTargets(FeatureNetwork network, LossKernels kernels, TensorScope scope, Preprocessing preprocessing,
                 List<StyleImage> styles, List<VggLayer> layers) {
        this.network = network;
        this.kernels = kernels;
        this.scope = scope;
        this.preprocessing = preprocessing;
        this.styles = styles;
        this.layers = layers;
    }

    /** The targets, in the order of the style layers, for style images whose longer side is {@code styleSize}. */
    List<Tensor> at(int styleSize) {
        return bySize.computeIfAbsent(styleSize, this::capture);
    }

    private List<Tensor> capture(int styleSize) {
        List<Tensor> targets = new ArrayList<>();
        for (StyleImage style : styles) {
            try (TensorScope image = scope.openScope()) {
                var picture = style.image().resizeLongestSide(styleSize);
                Tensor input = image.upload(new Shape(3, picture.height(), picture.width()),
                        preprocessing.toNetwork(picture));
                Map<VggLayer, Tensor> features = network.forward(input);
                for (int i = 0; i < layers.size(); i++) {
                    Tensor layerFeatures = features.get(layers.get(i));
                    if (targets.size() <= i) {
                        targets.add(scope.zeros(layerFeatures.shape().gram()));
                    }
                    Gram.accumulate(kernels, layerFeatures, style.blendWeight(), targets.get(i));
                }
            }
        }
        return List.copyOf(targets);
    }
}
