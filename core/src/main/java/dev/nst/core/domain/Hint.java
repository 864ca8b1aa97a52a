package dev.nst.core.domain;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Advice that comes with a failure, as data: each adapter words it for its users (the CLI says
 * {@code try a smaller --size}, the HTTP API {@code try a smaller size}).
 *
 * @param kind  what to do
 * @param value the number that goes with it, if known: for {@link Kind#REDUCE_SIZE} the largest size known to fit,
 *              for {@link Kind#USE_TILES} a tile size that fits, for {@link Kind#SHORTEN_LBFGS_HISTORY} a history that
 *              fits ({@code auto} when empty), for {@link Kind#MORE_JAVA_HEAP} the heap needed in MiB
 */
public record Hint(Kind kind, OptionalInt value) {

    /** What the user can do about a failure. */
    public enum Kind {
        /** Ask for a smaller image: memory grows with the square of the size. */
        REDUCE_SIZE,
        /** Optimise with Adam, which does not diverge the way L-BFGS without line search can, and keeps less. */
        USE_ADAM,
        /** Take smaller optimisation steps. */
        LOWER_LEARNING_RATE,
        /** Run without the published weights, on seeded random ones (results will not look like style transfer). */
        USE_RANDOM_WEIGHTS,
        /** Run the network on tiles of the image (exact, slower): memory of the network then grows with the tile. */
        USE_TILES,
        /** Keep fewer L-BFGS correction pairs: each is two image-sized vectors. */
        SHORTEN_LBFGS_HISTORY,
        /** Give the JVM a larger heap ({@code -Xmx}), of at least the value in MiB. */
        MORE_JAVA_HEAP
    }

    public Hint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (value.isPresent() && kind != Kind.REDUCE_SIZE && kind != Kind.USE_TILES
                && kind != Kind.SHORTEN_LBFGS_HISTORY && kind != Kind.MORE_JAVA_HEAP) {
            throw new IllegalArgumentException("a " + kind + " hint names no number");
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

    /** Tiles as the plan chooses them ({@code auto}): tiles, and a shorter L-BFGS history if need be. */
    public static Hint useTiles() {
        return new Hint(Kind.USE_TILES, OptionalInt.empty());
    }

    /** Tiles of {@code size} px (their interior), which fit. */
    public static Hint useTiles(int size) {
        return new Hint(Kind.USE_TILES, OptionalInt.of(size));
    }

    /** A Java heap of at least {@code mib} MiB. */
    public static Hint moreJavaHeap(int mib) {
        return new Hint(Kind.MORE_JAVA_HEAP, OptionalInt.of(mib));
    }

    /** An L-BFGS history of {@code pairs} correction pairs, which fits. */
    public static Hint shortenLbfgsHistory(int pairs) {
        return new Hint(Kind.SHORTEN_LBFGS_HISTORY, OptionalInt.of(pairs));
    }
}
