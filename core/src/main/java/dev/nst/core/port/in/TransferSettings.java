package dev.nst.core.port.in;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.LossWeightOverrides;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Setting;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.color.ColorMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Every knob of a style transfer, validated on construction. Defaults follow jcjohnson/neural-style.
 *
 * @param stages         the optimisation stages, at strictly increasing sizes; the last one is the output's size.
 *                       One stage is the classic transfer; several run coarse to fine in the same session
 * @param styleScale     style images are resized to {@code stage size * styleScale} on their longer side
 * @param learningRate   empty for the optimiser's default
 * @param lossWeights    the loss weights given; the others come from the network's weights once they are loaded
 * @param contentLayers  layers whose activations must match the content image's
 * @param styleLayers    layers whose Gram matrices must match the style images'
 * @param seed           drives every random choice (initial noise, random weights without their own seed)
 * @param colors         whose colours the result has
 * @param contentLayerWeights one weight per content layer, in their order, each multiplying the content weight
 *                       there (all 1 by default)
 * @param styleLayerWeights one weight per style layer, in their order, each multiplying the style weight there
 * @param normalizeGradients whether each content and style term's gradient with respect to its layer's activations
 *                       is divided by its L1 norm (plus 1e-8) before it is backpropagated, as jcjohnson's
 *                       {@code -normalize_gradients}
 * @param scales         how the stages were asked for (one stage, {@code auto}, or sizes), as the user wrote it; the
 *                       stages themselves are {@code stages}
 * @param tiling         whether the network runs on tiles of the image (see {@link Tiling})
 * @param lbfgsHistory   the L-BFGS correction pairs kept, if given (jcjohnson's {@code -lbfgs_num_correction});
 *                       empty for {@value #DEFAULT_LBFGS_HISTORY}, which the memory plan may shorten under
 *                       {@link Tiling.Auto} where it does not fit
 * @param maxMemory      the most bytes of memory the transfer may use (on the host, and on a device where the backend
 *                       has one), if less than the machine has available
 */
public record TransferSettings(List<Stage> stages, double styleScale, OptimizerKind optimizer,
                               OptionalDouble learningRate, LossWeightOverrides lossWeights,
                               List<VggLayer> contentLayers, List<VggLayer> styleLayers,
                               long seed, Pooling pooling, WeightsSpec weights, ColorMode colors,
                               List<Double> contentLayerWeights, List<Double> styleLayerWeights,
                               boolean normalizeGradients, Scales scales, Tiling tiling, OptionalInt lbfgsHistory,
                               OptionalLong maxMemory) {

    public static final int DEFAULT_SIZE = 512;
    public static final int DEFAULT_ITERATIONS = 1000;
    public static final int MAX_ITERATIONS = 1_000_000;
    public static final int MAX_SIZE = 16_384;
    public static final int DEFAULT_LBFGS_HISTORY = 100;
    public static final int MAX_LBFGS_HISTORY = 10_000;
    /** The least memory limit accepted: less cannot hold the network's weights. */
    public static final long MIN_MAX_MEMORY = 64L << 20;
    public static final List<VggLayer> DEFAULT_CONTENT_LAYERS = List.of(VggLayer.RELU4_2);
    public static final List<VggLayer> DEFAULT_STYLE_LAYERS = List.of(
            VggLayer.RELU1_1, VggLayer.RELU2_1, VggLayer.RELU3_1, VggLayer.RELU4_1, VggLayer.RELU5_1);

    public TransferSettings {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(learningRate, "learningRate");
        Objects.requireNonNull(lossWeights, "lossWeights");
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(colors, "colors");
        Objects.requireNonNull(scales, "scales");
        Objects.requireNonNull(tiling, "tiling");
        Objects.requireNonNull(lbfgsHistory, "lbfgsHistory");
        Objects.requireNonNull(maxMemory, "maxMemory");
        stages = List.copyOf(stages);
        contentLayers = List.copyOf(contentLayers);
        styleLayers = List.copyOf(styleLayers);
        if (stages.isEmpty()) {
            throw new InvalidInputException(Setting.SIZE, "at least one stage is needed");
        }
        if (!(styleScale > 0) || Double.isInfinite(styleScale)) {
            throw InvalidInputException.mustBe(Setting.STYLE_SCALE, "a positive number", styleScale);
        }
        if (learningRate.isPresent() && (!(learningRate.getAsDouble() > 0) || Double.isInfinite(learningRate.getAsDouble()))) {
            throw InvalidInputException.mustBe(Setting.LEARNING_RATE, "a positive number", learningRate.getAsDouble());
        }
        if (contentLayers.isEmpty()) {
            throw new InvalidInputException(Setting.CONTENT_LAYERS, "at least one layer is needed");
        }
        if (styleLayers.isEmpty()) {
            throw new InvalidInputException(Setting.STYLE_LAYERS, "at least one layer is needed");
        }
        contentLayerWeights = layerWeights(Setting.CONTENT_LAYER_WEIGHTS, contentLayerWeights, contentLayers);
        styleLayerWeights = layerWeights(Setting.STYLE_LAYER_WEIGHTS, styleLayerWeights, styleLayers);
        VggLayer deepest = deepestLayer(contentLayers, styleLayers);
        int minimum = deepest.minimumInputSide();
        int previous = 0;
        for (Stage stage : stages) {
            if (stage.size() < minimum || stage.size() > MAX_SIZE) {
                throw InvalidInputException.mustBe(Setting.SIZE, "between " + minimum + " (for layer " + deepest.id()
                        + ") and " + MAX_SIZE, stage.size());
            }
            if (stage.size() <= previous) {
                throw new InvalidInputException(Setting.SIZE, "stage sizes must increase, got " + stage.size()
                        + " after " + previous);
            }
            previous = stage.size();
        }
        if (lbfgsHistory.isPresent() && (lbfgsHistory.getAsInt() < 1 || lbfgsHistory.getAsInt() > MAX_LBFGS_HISTORY)) {
            throw InvalidInputException.mustBe(Setting.LBFGS_HISTORY, "between 1 and " + MAX_LBFGS_HISTORY,
                    lbfgsHistory.getAsInt());
        }
        if (maxMemory.isPresent() && maxMemory.getAsLong() < MIN_MAX_MEMORY) {
            throw InvalidInputException.mustBe(Setting.MAX_MEMORY, "at least " + (MIN_MAX_MEMORY >> 20) + " MiB",
                    (maxMemory.getAsLong() >> 20) + " MiB");
        }
    }

    /** The L-BFGS history asked for, else {@value #DEFAULT_LBFGS_HISTORY}. */
    public int effectiveLbfgsHistory() {
        return lbfgsHistory.orElse(DEFAULT_LBFGS_HISTORY);
    }

    /** The weights given, checked against their layers; all 1 when none are given (null or empty). */
    private static List<Double> layerWeights(Setting setting, List<Double> weights, List<VggLayer> layers) {
        if (weights == null || weights.isEmpty()) {
            return Collections.nCopies(layers.size(), 1.0);
        }
        if (weights.size() != layers.size()) {
            throw new InvalidInputException(setting, "give one weight per layer: got " + weights.size()
                    + (weights.size() == 1 ? " weight" : " weights") + " for " + layers.size()
                    + (layers.size() == 1 ? " layer" : " layers"));
        }
        for (Double w : weights) {
            if (w == null || !(w >= 0) || w.isInfinite()) {
                throw InvalidInputException.mustBe(setting, "finite numbers >= 0", w);
            }
        }
        if (weights.stream().allMatch(w -> w == 0)) {
            throw new InvalidInputException(setting, "the weights must not all be zero (give the loss weight 0"
                    + " instead)");
        }
        return List.copyOf(weights);
    }

    /** The weight of the content loss at content layer {@code index}: the content layer weight there. */
    public double contentLayerWeight(int index) {
        return contentLayerWeights.get(index);
    }

    /** The weight of the style loss at style layer {@code index}: the style layer weight there. */
    public double styleLayerWeight(int index) {
        return styleLayerWeights.get(index);
    }

    /** The size of the output: the longer side of the last stage. */
    public int size() {
        return stages.get(stages.size() - 1).size();
    }

    /** The optimisation steps of all stages together. */
    public int iterations() {
        return stages.stream().mapToInt(Stage::iterations).sum();
    }

    /** The learning rate in effect: the one given, else the optimiser's default. */
    public double effectiveLearningRate() {
        return learningRate.orElse(optimizer.defaultLearningRate());
    }

    /** The deepest layer the network must compute. */
    public VggLayer deepestLayer() {
        return deepestLayer(contentLayers, styleLayers);
    }

    /** The longer side style images are resized to in the last stage. */
    public int styleSize() {
        return stages.get(stages.size() - 1).styleSize(styleScale);
    }

    private static VggLayer deepestLayer(List<VggLayer> content, List<VggLayer> style) {
        List<VggLayer> all = new ArrayList<>(content);
        all.addAll(style);
        return VggLayer.deepest(all);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every one of {@code settings}' values, its stages included. */
    public static Builder from(TransferSettings settings) {
        Builder builder = new Builder();
        builder.stages = settings.stages;
        builder.styleScale = settings.styleScale;
        builder.optimizer = settings.optimizer;
        builder.learningRate = settings.learningRate;
        builder.lossWeights = settings.lossWeights;
        builder.contentLayers = settings.contentLayers;
        builder.styleLayers = settings.styleLayers;
        builder.seed = settings.seed;
        builder.pooling = settings.pooling;
        builder.weights = settings.weights;
        builder.colors = settings.colors;
        builder.contentLayerWeights = settings.contentLayerWeights;
        builder.styleLayerWeights = settings.styleLayerWeights;
        builder.normalizeGradients = settings.normalizeGradients;
        builder.scales = settings.scales;
        builder.tiling = settings.tiling;
        builder.lbfgsHistory = settings.lbfgsHistory;
        builder.maxMemory = settings.maxMemory;
        return builder;
    }

    /** Starts from the defaults; every setter overrides one knob. */
    public static final class Builder {
        private int size = DEFAULT_SIZE;
        private double styleScale = 1.0;
        private int iterations = DEFAULT_ITERATIONS;
        private List<Stage> stages;
        private OptimizerKind optimizer = OptimizerKind.LBFGS;
        private OptionalDouble learningRate = OptionalDouble.empty();
        private LossWeightOverrides lossWeights = LossWeightOverrides.NONE;
        private List<VggLayer> contentLayers = DEFAULT_CONTENT_LAYERS;
        private List<VggLayer> styleLayers = DEFAULT_STYLE_LAYERS;
        private long seed;
        private Pooling pooling = Pooling.MAX;
        private WeightsSpec weights = WeightsSpec.parse(WeightsSpec.DEFAULT);
        private ColorMode colors = ColorMode.STYLE;
        private List<Double> contentLayerWeights = List.of();
        private List<Double> styleLayerWeights = List.of();
        private boolean normalizeGradients;
        private Scales scales = new Scales.Single();
        private List<Integer> iterationsPerStage;
        private Tiling tiling = new Tiling.Auto();
        private OptionalInt lbfgsHistory = OptionalInt.empty();
        private OptionalLong maxMemory = OptionalLong.empty();

        private Builder() {
        }

        /**
         * The stages as sizes ({@link Scales}) ending at {@link #size}; with {@link #iterationsPerStage} one count per
         * stage, else {@link #iterations} for every stage (halving from stage to stage under {@link Scales.Auto}).
         */
        public Builder scales(Scales scales) {
            this.scales = scales;
            return this;
        }

        /** One count per stage of {@link #scales}, or a single count (as {@link #iterations}). */
        public Builder iterationsPerStage(List<Integer> iterations) {
            this.iterationsPerStage = iterations;
            return this;
        }

        public Builder tiling(Tiling tiling) {
            this.tiling = tiling;
            return this;
        }

        public Builder lbfgsHistory(int pairs) {
            this.lbfgsHistory = OptionalInt.of(pairs);
            return this;
        }

        /** The L-BFGS history left to its default, which the plan may shorten. */
        public Builder defaultLbfgsHistory() {
            this.lbfgsHistory = OptionalInt.empty();
            return this;
        }

        /** The most bytes the transfer may use. */
        public Builder maxMemory(long bytes) {
            this.maxMemory = OptionalLong.of(bytes);
            return this;
        }

        /** The size of a transfer of one stage (ignored when {@link #stages} are given). */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        /** Several stages, coarse to fine; overrides {@link #size} and {@link #iterations}. */
        public Builder stages(List<Stage> stages) {
            this.stages = stages;
            return this;
        }

        public Builder styleScale(double styleScale) {
            this.styleScale = styleScale;
            return this;
        }

        /** The iterations of a transfer of one stage (ignored when {@link #stages} are given). */
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

        public Builder colors(ColorMode colors) {
            this.colors = colors;
            return this;
        }

        /** One weight per content layer (empty: all 1). */
        public Builder contentLayerWeights(List<Double> contentLayerWeights) {
            this.contentLayerWeights = contentLayerWeights;
            return this;
        }

        /** One weight per style layer (empty: all 1). */
        public Builder styleLayerWeights(List<Double> styleLayerWeights) {
            this.styleLayerWeights = styleLayerWeights;
            return this;
        }

        public Builder normalizeGradients(boolean normalizeGradients) {
            this.normalizeGradients = normalizeGradients;
            return this;
        }

        public TransferSettings build() {
            List<Stage> planned = stages != null ? stages
                    : scales.stages(size, iterationsPerStage != null ? iterationsPerStage : List.of(iterations));
            return new TransferSettings(planned, styleScale, optimizer, learningRate, lossWeights, contentLayers,
                    styleLayers, seed, pooling, weights, colors, contentLayerWeights, styleLayerWeights,
                    normalizeGradients, stages != null ? scalesOf(stages) : scales, tiling, lbfgsHistory,
                    maxMemory);
        }

        /** Stages given as such, described as sizes (unless they do not increase: the settings refuse those). */
        private Scales scalesOf(List<Stage> given) {
            if (scales instanceof Scales.Given || given.size() < 2) {
                return scales;
            }
            for (int i = 1; i < given.size(); i++) {
                if (given.get(i).size() <= given.get(i - 1).size() || given.get(i - 1).size() < 1) {
                    return scales;
                }
            }
            return new Scales.Given(given.stream().map(Stage::size).toList());
        }
    }
}
