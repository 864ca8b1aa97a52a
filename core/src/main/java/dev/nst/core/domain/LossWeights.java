package dev.nst.core.domain;

/**
 * The weights of the three terms of the objective: {@code L = contentWeight * L_c + styleWeight * L_s + tvWeight * L_tv}.
 * Defaults are those of jcjohnson/neural-style, for networks that take Caffe-scale input (0..255 minus the mean).
 */
public record LossWeights(double contentWeight, double styleWeight, double tvWeight) {

    public static final LossWeights DEFAULT = new LossWeights(5, 100, 1e-3);

    public LossWeights {
        requireNonNegative(Setting.CONTENT_WEIGHT, contentWeight);
        requireNonNegative(Setting.STYLE_WEIGHT, styleWeight);
        requireNonNegative(Setting.TV_WEIGHT, tvWeight);
    }

    /**
     * The weights that keep the balance of these ones for a network whose input is {@code s} times the Caffe scale
     * ({@code s} = {@link Preprocessing#unitsPerLevel()}, e.g. 1/57.6 for torchvision's normalised RGB).
     *
     * <p>Derivation: a VGG trunk is nearly positively homogeneous (convolutions and ReLU/max-pool commute with a
     * positive scale; only the biases break it), so features of an input {@code s} times smaller are about
     * {@code s} times smaller. The content loss (mean squared feature difference) then scales by {@code s^2}, the
     * style loss (mean squared Gram difference, Grams being quadratic in the features) by {@code s^4}, and total
     * variation, measured on the input itself, by {@code s^2}. Dividing each weight by its factor gives every term
     * the value it has with Caffe-scale weights, hence the same balance and about the same total. This is derived,
     * not tuned: it assumes the network's weights are of the same magnitude as the Caffe VGG19's.
     */
    public LossWeights rescaledForInputScale(double s) {
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("input scale must be positive, got " + s);
        }
        double s2 = s * s;
        return new LossWeights(contentWeight / s2, styleWeight / (s2 * s2), tvWeight / s2);
    }

    private static void requireNonNegative(Setting setting, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw InvalidInputException.mustBe(setting, "a finite number >= 0", value);
        }
    }
}
