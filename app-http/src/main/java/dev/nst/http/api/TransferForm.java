package dev.nst.http.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a {@code POST /api/transfers} request, checked for their names, kinds (file or text) and counts
 * before any value is read. Field names are the {@code nst transfer} options in camelCase.
 */
final class TransferForm {

    static final String CONTENT = "content";
    static final String STYLE = "style";
    static final String INIT = "init";
    static final String STYLE_MASK = "styleMask";
    static final String CONTENT_MASK = "contentMask";

    /** Text fields, each at most once. */
    static final Set<String> TEXT_FIELDS = Set.of("size", "iterations", "optimizer", "learningRate", "contentWeight",
            "styleWeight", "tvWeight", "contentLayers", "styleLayers", "seed", "pooling", "styleScale", "styleBlend",
            "weights", "colors", "styleLayerWeights", "contentLayerWeights", "normalizeGradients", "scales", "tileSize",
            "lbfgsHistory");
    /** Image files: the content and its mask once, styles and their masks as often as there are styles. */
    private static final Set<String> FILE_FIELDS = Set.of(CONTENT, STYLE, STYLE_MASK, CONTENT_MASK);
    private static final Set<String> REPEATABLE = Set.of(STYLE, STYLE_MASK);
    /** CLI options that the server decides, not a request. */
    static final Set<String> SERVER_OPTIONS = Set.of("output", "saveEvery", "printEvery", "backend", "threads",
            "metrics");
    private static final int SHOWN_VALUE = 40;
    private static final int MAX_TEXT = 512;

    private final Map<String, List<FormPart>> parts;

    private TransferForm(Map<String, List<FormPart>> parts) {
        this.parts = parts;
    }

    /** @throws FieldException naming the first part with an unknown name, the wrong kind, or too many copies */
    static TransferForm of(List<FormPart> all, int maxStyles) {
        Map<String, List<FormPart>> byName = new LinkedHashMap<>();
        for (FormPart part : all) {
            requireKnown(part.name());
            byName.computeIfAbsent(part.name(), name -> new ArrayList<>()).add(part);
        }
        for (Map.Entry<String, List<FormPart>> entry : byName.entrySet()) {
            String name = entry.getKey();
            List<FormPart> copies = entry.getValue();
            if (!REPEATABLE.contains(name) && copies.size() > 1) {
                throw new FieldException(name, name + ": given " + copies.size() + " times; give it once");
            }
            for (FormPart part : copies) {
                if (FILE_FIELDS.contains(name) && !part.isFile()) {
                    throw new FieldException(name, name + ": expected an image file, got a text field");
                }
                if (TEXT_FIELDS.contains(name) && part.isFile()) {
                    throw new FieldException(name, name + ": expected a text field, got a file");
                }
                if (!part.isFile() && part.bytes().length > MAX_TEXT) {
                    throw new FieldException(name, name + ": the value is " + part.bytes().length
                            + " bytes long; at most " + MAX_TEXT + " are taken");
                }
            }
        }
        if (!byName.containsKey(CONTENT)) {
            throw new FieldException(CONTENT, "content: a content image (the photo to repaint) is required; none,"
                    + " or an empty file, was sent");
        }
        if (!byName.containsKey(STYLE)) {
            throw new FieldException(STYLE, "style: at least one style image is required; none, or an empty"
                    + " file, was sent");
        }
        if (byName.get(STYLE).size() > maxStyles) {
            throw new FieldException(STYLE, "style: " + byName.get(STYLE).size() + " style images given; this server"
                    + " takes at most " + maxStyles);
        }
        return new TransferForm(byName);
    }

    FormPart content() {
        return parts.get(CONTENT).get(0);
    }

    List<FormPart> styles() {
        return parts.get(STYLE);
    }

    /** The style masks, in the order sent (paired with the styles by order); empty when none were sent. */
    List<FormPart> styleMasks() {
        return parts.getOrDefault(STYLE_MASK, List.of());
    }

    Optional<FormPart> contentMask() {
        return Optional.ofNullable(parts.get(CONTENT_MASK)).map(copies -> copies.get(0));
    }

    Optional<FormPart> init() {
        return Optional.ofNullable(parts.get(INIT)).map(copies -> copies.get(0));
    }

    /** A text field's value, trimmed; a blank value counts as not given. */
    Optional<String> text(String name) {
        return Optional.ofNullable(parts.get(name)).map(copies -> copies.get(0).text().trim()).filter(v -> !v.isEmpty());
    }

    /** A value as it may be quoted back in a message: short and printable. */
    static String shown(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > SHOWN_VALUE ? printable.substring(0, SHOWN_VALUE) + "..." : printable;
    }

    private static void requireKnown(String name) {
        if (FILE_FIELDS.contains(name) || name.equals(INIT) || TEXT_FIELDS.contains(name)) {
            return;
        }
        if (SERVER_OPTIONS.contains(name)) {
            throw new FieldException(name, name + ": set by the server's configuration, not per request");
        }
        throw new FieldException(shown(name), "unknown field '" + shown(name) + "'; the fields are content, style,"
                + " styleMask, contentMask, init, " + String.join(", ", TEXT_FIELDS.stream().sorted().toList()));
    }
}
