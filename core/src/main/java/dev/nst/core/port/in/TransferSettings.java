package dev.nst.core.port.in;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.LossWeightOverrides;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Every knob of a style transfer, validated on construction. Defaults follow jcjohnson/neural-style.
 *
 * @param size           longer side of the output in pixels; the content image is resized to it
 * @param styleScale     style images are resized to {@code size * styleScale} on their longer side
 * @param iterations     optimisation steps; 0 only evaluates the initial image
 * @param learningRate   empty for the optimiser's default
 * @param lossWeights    the loss weights given; the others come from the network's weights once they are loaded
 * @param contentLayers  layers whose activations must match the content image's
 * @param styleLayers    layers whose Gram matrices must match the style images'
 * @param seed           drives every random choice (initial noise, random weights without their own seed)
 */
public record TransferSettings(int size, double styleScale, int iterations, OptimizerKind optimizer,
                               OptionalDouble learningRate, LossWeightOverrides lossWeights,
                               List<VggLayer> contentLayers, List<VggLayer> styleLayers,
                               long seed, Pooling pooling, WeightsSpec weights) {

    public static final int DEFAULT_SIZE = 512;
    public static final int DEFAULT_ITERATIONS = 1000;
    public static final int MAX_ITERATIONS = 1_000_000;
    public static final int MAX_SIZE = 16_384;
    public static final List<VggLayer> DEFAULT_CONTENT_LAYERS = List.of(VggLayer.RELU4_2);
    public static final List<VggLayer> DEFAULT_STYLE_LAYERS = List.of(
            VggLayer.RELU1_1, VggLayer.RELU2_1, VggLayer.RELU3_1, VggLayer.RELU4_1, VggLayer.RELU5_1);

    public TransferSettings {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(learningRate, "learningRate");
        Objects.requireNonNull(lossWeights, "lossWeights");
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(weights, "weights");
        contentLayers = List.copyOf(contentLayers);
        styleLayers = List.copyOf(styleLayers);
        if (iterations < 0 || iterations > MAX_ITERATIONS) {
            throw new InvalidInputException("--iterations must be between 0 and " + MAX_ITERATIONS + ", got " + iterations);
        }
        if (!(styleScale > 0) || Double.isInfinite(styleScale)) {
            throw new InvalidInputException("--style-scale must be a positive number, got " + styleScale);
        }
        if (learningRate.isPresent() && (!(learningRate.getAsDouble() > 0) || Double.isInfinite(learningRate.getAsDouble()))) {
            throw new InvalidInputException("--learning-rate must be a positive number, got " + learningRate.getAsDouble());
        }
        if (contentLayers.isEmpty()) {
            throw new InvalidInputException("--content-layers: at least one layer is needed");
        }
        if (styleLayers.isEmpty()) {
            throw new InvalidInputException("--style-layers: at least one layer is needed");
        }
        int minimum = deepestLayer(contentLayers, styleLayers).minimumInputSide();
        if (size < minimum || size > MAX_SIZE) {
            throw new InvalidInputException("--size must be between " + minimum + " (for layer "
                    + deepestLayer(contentLayers, styleLayers).id() + ") and " + MAX_SIZE + ", got " + size);
        }
    }

    /** The learning rate in effect: the one given, else the optimiser's default. */
    public double effectiveLearningRate() {
        return learningRate.orElse(optimizer.defaultLearningRate());
    }

    /** The deepest layer the network must compute. */
    public VggLayer deepestLayer() {
        return deepestLayer(contentLayers, styleLayers);
    }

    /** The longer side style images are resized to. */
    public int styleSize() {
        return (int) Math.max(1, Math.round(size * styleScale));
    }

    private static VggLayer deepestLayer(List<VggLayer> content, List<VggLayer> style) {
        List<VggLayer> all = new ArrayList<>(content);
        all.addAll(style);
        return VggLayer.deepest(all);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts from the defaults; every setter overrides one knob. */
    public static final class Builder {
        private int size = DEFAULT_SIZE;
        private double styleScale = 1.0;
        private int iterations = DEFAULT_ITERATIONS;
        private OptimizerKind optimizer = OptimizerKind.LBFGS;
        private OptionalDouble learningRate = OptionalDouble.empty();
        private LossWeightOverrides lossWeights = LossWeightOverrides.NONE;
        private List<VggLayer> contentLayers = DEFAULT_CONTENT_LAYERS;
        private List<VggLayer> styleLayers = DEFAULT_STYLE_LAYERS;
        private long seed;
        private Pooling pooling = Pooling.MAX;
        private WeightsSpec weights = WeightsSpec.parse(WeightsSpec.DEFAULT);

        private Builder() {
        }

        public Builder size(int size) {
            this.size = size;
            return this;
        }

        public Builder styleScale(double styleScale) {
            this.styleScale = styleScale;
            return this;
        }

        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        public Builder optimizer(OptimizerKind optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder learningRate(double learningRate) {
            this.learningRate = OptionalDouble.of(learningRate);
            return this;
        }

        /** Gives all three loss weights. */
        public Builder lossWeights(LossWeights lossWeights) {
            this.lossWeights = LossWeightOverrides.of(lossWeights);
            return this;
        }

        /** Gives some loss weights; the others are taken from the network's weights. */
        public Builder lossWeights(LossWeightOverrides lossWeights) {
            this.lossWeights = lossWeights;
            return this;
        }

        public Builder contentLayers(List<VggLayer> contentLayers) {
            this.contentLayers = contentLayers;
            return this;
        }

        public Builder styleLayers(List<VggLayer> styleLayers) {
            this.styleLayers = styleLayers;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder pooling(Pooling pooling) {
            this.pooling = pooling;
            return this;
        }

        public Builder weights(WeightsSpec weights) {
            this.weights = weights;
            return this;
        }

        public TransferSettings build() {
            return new TransferSettings(size, styleScale, iterations, optimizer, learningRate, lossWeights,
                    contentLayers, styleLayers, seed, pooling, weights);
        }
    }
}
