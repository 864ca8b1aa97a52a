package dev.nst.bench.torch2;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.in.TransferSettings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * nst's objective on libtorch, {@code L = L_content + L_style + L_tv} (README, "What is computed"): per content layer
 * {@code weight * mean((F(x) - F(content))^2)}, per style layer {@code weight * mean((G(x) - G(style))^2)} with
 * {@link Gram}, and {@link TotalVariation}; a layer's weight is the loss weight times the layer's weight, and a layer
 * of weight 0 has no term, as in nst. The gradient comes from libtorch's autograd.
 */
final class StyleTransferObjective implements Objective {

    /** One loss term at one layer: its weight and what the image's statistic there should be. */
    private record Term(VggLayer layer, double weight, NDArray target) {
    }

    private final Vgg19Trunk trunk;
    private final Shape imageShape;
    private final List<Term> contentTerms;
    private final List<Term> styleTerms;
    private final double tvWeight;

    private StyleTransferObjective(Vgg19Trunk trunk, Shape imageShape, List<Term> contentTerms, List<Term> styleTerms,
                                   double tvWeight) {
        this.trunk = trunk;
        this.imageShape = imageShape;
        this.contentTerms = contentTerms;
        this.styleTerms = styleTerms;
        this.tvWeight = tvWeight;
    }

    /** The layers the losses of {@code settings} read: the trunk's outputs. */
    static Set<VggLayer> lossLayers(TransferSettings settings) {
        Set<VggLayer> layers = EnumSet.copyOf(settings.contentLayers());
        layers.addAll(settings.styleLayers());
        return layers;
    }

    /**
     * Captures the targets: the content image's activations at the content layers and the style image's Gram
     * matrices at the style layers; they stay in the images' manager.
     *
     * @param content the content image, {@code 1 x 3 x H x W} in the network's input space
     * @param style   the style image, likewise
     */
    static StyleTransferObjective capture(Vgg19Trunk trunk, TransferSettings settings, LossWeights weights,
                                          NDArray content, NDArray style) {
        List<Term> contentTerms = new ArrayList<>();
        List<Term> styleTerms = new ArrayList<>();
        try (NDScope scope = new NDScope()) {
            Map<VggLayer, NDArray> contentFeatures = trunk.forward(content);
            for (int i = 0; i < settings.contentLayers().size(); i++) {
                addTerm(contentTerms, settings.contentLayers().get(i),
                        weights.contentWeight() * settings.contentLayerWeight(i), contentFeatures, NDArray::duplicate);
            }
            Map<VggLayer, NDArray> styleFeatures = trunk.forward(style);
            for (int i = 0; i < settings.styleLayers().size(); i++) {
                addTerm(styleTerms, settings.styleLayers().get(i),
                        weights.styleWeight() * settings.styleLayerWeight(i), styleFeatures, Gram::of);
            }
        }
        return new StyleTransferObjective(trunk, content.getShape(), List.copyOf(contentTerms), List.copyOf(styleTerms),
                weights.tvWeight());
    }

    private static void addTerm(List<Term> terms, VggLayer layer, double weight, Map<VggLayer, NDArray> features,
                                UnaryOperator<NDArray> statistic) {
        if (weight != 0) {
            NDArray target = statistic.apply(features.get(layer));
            NDScope.unregister(target);
            terms.add(new Term(layer, weight, target));
        }
    }

    @Override
    public Evaluation evaluate(NDArray x) {
        try (NDScope scope = new NDScope();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray image = x.reshape(imageShape).duplicate();
            image.setRequiresGradient(true);
            Map<VggLayer, NDArray> features = trunk.forward(image);
            List<NDArray> terms = new ArrayList<>();
            double content = 0;
            for (Term term : contentTerms) {
                content += add(terms, meanSquaredError(features.get(term.layer()), term.target(), term.weight()));
            }
            double style = 0;
            for (Term term : styleTerms) {
                style += add(terms, meanSquaredError(Gram.of(features.get(term.layer())), term.target(), term.weight()));
            }
            double tv = tvWeight == 0 ? 0 : add(terms, TotalVariation.of(image, tvWeight));
            collector.backward(terms.stream().reduce(NDArray::add).orElseThrow());
            NDArray gradient = image.getGradient().reshape(x.getShape());
            NDScope.unregister(gradient);
            return new Evaluation(new LossBreakdown(content, style, tv), gradient);
        }
    }

    /** {@code weight * mean((a - b)^2)}. */
    private static NDArray meanSquaredError(NDArray a, NDArray b, double weight) {
        return a.sub(b).square().mean().mul(ScopedScalar.of(a, weight));
    }

    private static double add(List<NDArray> terms, NDArray term) {
        terms.add(term);
        return term.getFloat();
    }
}
