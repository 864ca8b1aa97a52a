package dev.nst.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How a failure's {@link Hint}s are appended to its message once an adapter has worded each of them: alternatives
 * read as one piece of advice ({@code try a smaller --size or --optimizer adam}), other advice follows it; all of it
 * after a semicolon, or as a sentence of its own when the message ends with one.
 */
public final class Advice {

    /**
     * One hint in an adapter's words.
     *
     * @param alternative whether it completes "try ..." ({@code a smaller --learning-rate}), rather than reading on
     *                    its own ({@code to run offline without it, use --weights random})
     */
    public record Phrase(boolean alternative, String text) {
    }

    private Advice() {
    }

    /** {@code message} with the advice of {@code hints}, each worded by {@code wording}. */
    public static String append(String message, List<Hint> hints, Function<Hint, Phrase> wording) {
        List<String> alternatives = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        for (Hint hint : hints) {
            Phrase phrase = wording.apply(hint);
            (phrase.alternative() ? alternatives : advice).add(phrase.text());
        }
        if (!alternatives.isEmpty()) {
            advice.add(0, "try " + String.join(" or ", alternatives));
        }
        if (advice.isEmpty()) {
            return message;
        }
        String text = String.join("; ", advice);
        return message.endsWith(".")
                ? message + " " + text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1) + "."
                : message + "; " + text;
    }
}
