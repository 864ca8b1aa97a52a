package dev.nst.core.domain;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Advice that comes with a failure, as data: each adapter words it for its users (the CLI says
 * {@code try a smaller --size}, the HTTP API {@code try a smaller size}).
 *
 * @param kind    what to do
 * @param largest for {@link Kind#REDUCE_SIZE}, the largest size known to fit, if known
 */
public record Hint(Kind kind, OptionalInt largest) {

    /** What the user can do about a failure. */
    public enum Kind {
        /** Ask for a smaller image: memory grows with the square of the size. */
        REDUCE_SIZE,
        /** Optimise with Adam, which does not diverge the way L-BFGS without line search can. */
        USE_ADAM,
        /** Take smaller optimisation steps. */
        LOWER_LEARNING_RATE,
        /** Run without the published weights, on seeded random ones (results will not look like style transfer). */
        USE_RANDOM_WEIGHTS
    }

    public Hint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(largest, "largest");
        if (largest.isPresent() && kind != Kind.REDUCE_SIZE) {
            throw new IllegalArgumentException("only a size hint names a size");
        }
    }

    public static Hint reduceSize() {
        return new Hint(Kind.REDUCE_SIZE, OptionalInt.empty());
    }

    /** Reduce the size to at most {@code largest}, which is known to fit. */
    public static Hint reduceSizeTo(int largest) {
        return new Hint(Kind.REDUCE_SIZE, OptionalInt.of(largest));
    }

    public static Hint useAdam() {
        return new Hint(Kind.USE_ADAM, OptionalInt.empty());
    }

    public static Hint lowerLearningRate() {
        return new Hint(Kind.LOWER_LEARNING_RATE, OptionalInt.empty());
    }

    public static Hint useRandomWeights() {
        return new Hint(Kind.USE_RANDOM_WEIGHTS, OptionalInt.empty());
    }
}
