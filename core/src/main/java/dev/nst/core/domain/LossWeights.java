package dev.nst.core.domain;

/**
 * The weights of the three terms of the objective: {@code L = contentWeight * L_c + styleWeight * L_s + tvWeight * L_tv}.
 * Defaults are those of jcjohnson/neural-style.
 */
public record LossWeights(double contentWeight, double styleWeight, double tvWeight) {

    public static final LossWeights DEFAULT = new LossWeights(5, 100, 1e-3);

    public LossWeights {
        requireNonNegative("--content-weight", contentWeight);
        requireNonNegative("--style-weight", styleWeight);
        requireNonNegative("--tv-weight", tvWeight);
    }

    private static void requireNonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidInputException(what + " must be a finite number >= 0, got " + value);
        }
    }
}
