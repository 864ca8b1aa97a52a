package dev.nst.http.wording;

import dev.nst.core.domain.Advice;
import dev.nst.core.domain.Hint;
import dev.nst.core.domain.ImageTooSmallException;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.NstException;
import dev.nst.core.domain.Setting;
import java.util.List;

/**
 * How the HTTP service words the core's failures: each {@link Setting} is called by its request field
 * ({@code tvWeight}, the JSON {@code field} of an error) or, for what the server decides, by its configuration key
 * ({@code nst.precision}); each {@link Hint} becomes advice naming fields ({@code try a smaller size}). The one mapping
 * from core data to the API's words.
 */
public final class ApiWording {

    private ApiWording() {
    }

    /** The request field that gives {@code setting}, or the configuration key for a server setting. */
    public static String field(Setting setting) {
        return switch (setting) {
            case CONTENT -> "content";
            case STYLE -> "style";
            case STYLE_BLEND -> "styleBlend";
            case INIT -> "init";
            case SIZE -> "size";
            case ITERATIONS -> "iterations";
            case OPTIMIZER -> "optimizer";
            case LEARNING_RATE -> "learningRate";
            case CONTENT_WEIGHT -> "contentWeight";
            case STYLE_WEIGHT -> "styleWeight";
            case TV_WEIGHT -> "tvWeight";
            case CONTENT_LAYERS -> "contentLayers";
            case STYLE_LAYERS -> "styleLayers";
            case SEED -> "seed";
            case POOLING -> "pooling";
            case STYLE_SCALE -> "styleScale";
            case WEIGHTS -> "weights";
            case BACKEND -> "nst.backend";
            case PRECISION -> "nst.precision";
            case THREADS -> "nst.threads";
            case COLORS -> "colors";
            case STYLE_MASK -> "styleMask";
            case CONTENT_MASK -> "contentMask";
            case STYLE_LAYER_WEIGHTS -> "styleLayerWeights";
            case CONTENT_LAYER_WEIGHTS -> "contentLayerWeights";
            case SCALES -> "scales";
            case TILE_SIZE -> "tileSize";
            case LBFGS_HISTORY -> "lbfgsHistory";
            case MAX_MEMORY -> "nst.http.max-memory";
        };
    }

    /**
     * The message of {@code failure} in the API's words, with its advice. Paths on the server are cut to their last
     * part ({@code .../vgg19.h5}): clients learn which file, never where the server keeps it.
     */
    public static String message(NstException failure) {
        return withoutServerPaths(wordedMessage(failure));
    }

    private static final java.util.regex.Pattern SERVER_PATH =
            java.util.regex.Pattern.compile("(?<![\\w:/.~-])(?:~/|/)(?:[\\w.@+~-]+/)+([\\w.@+~-]*)");

    /** {@code text} with every absolute path on the server replaced by {@code .../<its last part>}. */
    public static String withoutServerPaths(String text) {
        return SERVER_PATH.matcher(text).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(
                ".../" + match.group(1)));
    }

    private static String wordedMessage(NstException failure) {
        String message;
        if (failure instanceof ImageTooSmallException small) {
            message = imageTooSmall(small, field(small.setting().orElseThrow())
                    + (small.count() > 1 ? " " + (small.index() + 1) : ""));
        } else if (failure instanceof InvalidInputException invalid) {
            message = invalid.describe(ApiWording::field);
        } else {
            message = String.valueOf(failure.getMessage());
        }
        return withAdvice(message, failure.hints());
    }

    /** {@code LABEL: 64x2 px after resizing to size 64; layer relu5_1 needs at least 16 px on each side}. */
    public static String imageTooSmall(ImageTooSmallException e, String label) {
        return label + ": " + e.width() + "x" + e.height() + " px after resizing to size " + e.size() + "; layer "
                + e.layer().id() + " needs at least " + e.minimumSide() + " px on each side";
    }

    /** {@code message} followed by the advice of {@code hints}, naming fields. */
    public static String withAdvice(String message, List<Hint> hints) {
        return Advice.append(message, hints, ApiWording::phrase);
    }

    private static Advice.Phrase phrase(Hint hint) {
        return switch (hint.kind()) {
            case REDUCE_SIZE -> new Advice.Phrase(true, hint.value().isPresent()
                    ? "size " + hint.value().getAsInt() + " or smaller (memory grows with the square of the size)"
                    : "a smaller size (memory grows with the square of the size)");
            case USE_ADAM -> new Advice.Phrase(true, "optimizer=adam");
            case LOWER_LEARNING_RATE -> new Advice.Phrase(true, "a smaller learningRate");
            case USE_RANDOM_WEIGHTS -> new Advice.Phrase(false, "submit with weights=random to run without them"
                    + " (results will not look like real style transfer)");
            case USE_TILES -> new Advice.Phrase(true, "tileSize="
                    + (hint.value().isPresent() ? String.valueOf(hint.value().getAsInt()) : "auto"));
            case SHORTEN_LBFGS_HISTORY -> new Advice.Phrase(true, "lbfgsHistory=" + hint.value().getAsInt());
            case MORE_JAVA_HEAP -> new Advice.Phrase(false, "the server's Java heap is too small for it (it needs about "
                    + hint.value().getAsInt() + " MiB)");
        };
    }
}
