package dev.nst.cli;

import dev.nst.core.domain.Advice;
import dev.nst.core.domain.Hint;
import dev.nst.core.domain.ImageTooSmallException;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.NstException;
import dev.nst.core.domain.Setting;
import java.util.List;

/**
 * How the command line words the core's failures: each {@link Setting} is called by its option ({@code --tv-weight}),
 * each {@link Hint} becomes advice naming options ({@code try a smaller --size}). The one mapping from core data to
 * CLI words.
 */
final class CliWording {

    private CliWording() {
    }

    /** The option that gives {@code setting}. */
    static String option(Setting setting) {
        return switch (setting) {
            case CONTENT -> "--content";
            case STYLE -> "--style";
            case STYLE_BLEND -> "--style-blend";
            case INIT -> "--init";
            case SIZE -> "--size";
            case ITERATIONS -> "--iterations";
            case OPTIMIZER -> "--optimizer";
            case LEARNING_RATE -> "--learning-rate";
            case CONTENT_WEIGHT -> "--content-weight";
            case STYLE_WEIGHT -> "--style-weight";
            case TV_WEIGHT -> "--tv-weight";
            case CONTENT_LAYERS -> "--content-layers";
            case STYLE_LAYERS -> "--style-layers";
            case SEED -> "--seed";
            case POOLING -> "--pooling";
            case STYLE_SCALE -> "--style-scale";
            case WEIGHTS -> "--weights";
            case BACKEND -> "--backend";
            case PRECISION -> "--precision";
            case THREADS -> "--threads";
            case COLORS -> "--colors";
            case STYLE_MASK -> "--style-mask";
            case CONTENT_MASK -> "--content-mask";
            case STYLE_LAYER_WEIGHTS -> "--style-layer-weights";
            case CONTENT_LAYER_WEIGHTS -> "--content-layer-weights";
            case SCALES -> "--scales";
            case TILE_SIZE -> "--tile-size";
            case LBFGS_HISTORY -> "--lbfgs-history";
            case MAX_MEMORY -> "--max-memory";
        };
    }

    /** The one-line message of {@code failure}, in the CLI's words, with its advice. */
    static String message(NstException failure) {
        String message;
        if (failure instanceof ImageTooSmallException small) {
            message = small.getMessage();
        } else if (failure instanceof InvalidInputException invalid) {
            message = invalid.describe(CliWording::option);
        } else {
            message = String.valueOf(failure.getMessage());
        }
        return withAdvice(message, failure.hints());
    }

    /** {@code message} followed by the advice of {@code hints}, naming options. */
    static String withAdvice(String message, List<Hint> hints) {
        return Advice.append(message, hints, CliWording::phrase);
    }

    private static Advice.Phrase phrase(Hint hint) {
        return switch (hint.kind()) {
            case REDUCE_SIZE -> new Advice.Phrase(true, hint.value().isPresent()
                    ? "--size " + hint.value().getAsInt() + " or smaller (memory grows with the square of the size)"
                    : "a smaller --size (memory grows with the square of the size)");
            case USE_ADAM -> new Advice.Phrase(true, "--optimizer adam");
            case LOWER_LEARNING_RATE -> new Advice.Phrase(true, "a smaller --learning-rate");
            case USE_RANDOM_WEIGHTS -> new Advice.Phrase(false, "to run offline without it, use --weights random"
                    + " (results will not look like real style transfer)");
            case USE_TILES -> new Advice.Phrase(true, "--tile-size "
                    + (hint.value().isPresent() ? String.valueOf(hint.value().getAsInt()) : "auto"));
            case SHORTEN_LBFGS_HISTORY -> new Advice.Phrase(true, "--lbfgs-history " + hint.value().getAsInt());
            case MORE_JAVA_HEAP -> new Advice.Phrase(false, "give Java more memory, e.g. java -Xmx"
                    + hint.value().getAsInt() + "m -jar nst.jar ...");
        };
    }
}
