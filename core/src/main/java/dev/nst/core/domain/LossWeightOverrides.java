package dev.nst.core.domain;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The loss weights a user gave, each optional. A given weight is used as it is, with exactly the meaning it has in the
 * loss ({@link LossWeights}); a weight not given takes the value the network's weights recommend
 * ({@link Vgg19Weights#recommendedLossWeights()}), which depends on their input scale.
 */
public record LossWeightOverrides(OptionalDouble contentWeight, OptionalDouble styleWeight, OptionalDouble tvWeight) {

    /** Nothing given: every weight comes from the network's recommendation. */
    public static final LossWeightOverrides NONE =
            new LossWeightOverrides(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());

    public LossWeightOverrides {
        Objects.requireNonNull(contentWeight, "contentWeight");
        Objects.requireNonNull(styleWeight, "styleWeight");
        Objects.requireNonNull(tvWeight, "tvWeight");
        // Validates the given values with the messages LossWeights gives.
        new LossWeights(contentWeight.orElse(0), styleWeight.orElse(0), tvWeight.orElse(0));
    }

    /** All three given. */
    public static LossWeightOverrides of(LossWeights weights) {
        return new LossWeightOverrides(OptionalDouble.of(weights.contentWeight()),
                OptionalDouble.of(weights.styleWeight()), OptionalDouble.of(weights.tvWeight()));
    }

    public LossWeightOverrides withContentWeight(double weight) {
        return new LossWeightOverrides(OptionalDouble.of(weight), styleWeight, tvWeight);
    }

    public LossWeightOverrides withStyleWeight(double weight) {
        return new LossWeightOverrides(contentWeight, OptionalDouble.of(weight), tvWeight);
    }

    public LossWeightOverrides withTvWeight(double weight) {
        return new LossWeightOverrides(contentWeight, styleWeight, OptionalDouble.of(weight));
    }

    /** The weights in effect: each given one, else the recommended one. */
    public LossWeights resolve(LossWeights recommended) {
        return new LossWeights(contentWeight.orElse(recommended.contentWeight()),
                styleWeight.orElse(recommended.styleWeight()), tvWeight.orElse(recommended.tvWeight()));
    }

    /** Whether the content loss can be on before the weights are known: a weight not given is always positive. */
    public boolean contentLossWanted() {
        return contentWeight.orElse(1) > 0;
    }

    /** As {@link #contentLossWanted()}, for the style loss. */
    public boolean styleLossWanted() {
        return styleWeight.orElse(1) > 0;
    }
}
