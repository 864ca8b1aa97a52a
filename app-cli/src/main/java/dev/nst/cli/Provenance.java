package dev.nst.cli;

import dev.nst.core.domain.LossWeights;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.domain.VggLayer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a result was made, written into its file as image tools that generate pictures do: {@code Software} (nst and
 * its version) and {@code Description}, the {@code nst transfer} options that made it, every setting spelt out (loss
 * weights in effect included), so that the same command makes it again.
 */
final class Provenance {

    private Provenance() {
    }

    /** The mask files given, if any: {@code styles} null or one per style, {@code content} null or the file. */
    record Masks(List<Path> styles, Path content) {
        static final Masks NONE = new Masks(null, null);
    }

    static Map<String, String> of(TransferSettings settings, TransferResult result, Path content, List<Path> styles,
                                  String init, List<Double> blend) {
        return of(settings, result, content, styles, init, blend, Masks.NONE);
    }

    /** The making of a result of {@code nst transfer} with {@code options}. */
    static Map<String, String> of(TransferSettings settings, TransferResult result, TransferOptions options) {
        return of(settings, result, options.content, options.styles, options.init, options.styleBlend,
                new Masks(options.styleMasks, options.contentMask));
    }

    static Map<String, String> of(TransferSettings settings, TransferResult result, Path content, List<Path> styles,
                                  String init, List<Double> blend, Masks masks) {
        LossWeights weights = result.lossWeights();
        StringBuilder command = new StringBuilder("nst transfer");
        option(command, "--content", content.getFileName());
        styles.forEach(style -> option(command, "--style", style.getFileName()));
        if (blend != null) {
            option(command, "--style-blend", blend.stream().map(Provenance::number).collect(Collectors.joining(",")));
        }
        if (masks.styles() != null) {
            masks.styles().forEach(mask -> option(command, "--style-mask", mask.getFileName()));
        }
        if (masks.content() != null) {
            option(command, "--content-mask", masks.content().getFileName());
        }

        option(command, "--size", settings.size());
        if (settings.stages().size() > 1) {
            option(command, "--scales", settings.stages().stream().map(s -> String.valueOf(s.size()))
                    .collect(Collectors.joining(",")));
            option(command, "--iterations", settings.stages().stream().map(s -> String.valueOf(s.iterations()))
                    .collect(Collectors.joining(",")));
        } else {
            option(command, "--iterations", settings.iterations());
        }
        option(command, "--optimizer", settings.optimizer().id());
        option(command, "--learning-rate", number(settings.effectiveLearningRate()));
        if (settings.optimizer() == OptimizerKind.LBFGS) {
            option(command, "--lbfgs-history", result.plan() == null ? settings.effectiveLbfgsHistory()
                    : result.plan().last().lbfgsHistory());
        }
        option(command, "--content-weight", number(weights.contentWeight()));
        option(command, "--style-weight", number(weights.styleWeight()));
        option(command, "--tv-weight", number(weights.tvWeight()));
        option(command, "--content-layers", layers(settings.contentLayers()));
        option(command, "--style-layers", layers(settings.styleLayers()));

        option(command, "--init", init.equals("noise") || init.equals("content") ? init : Path.of(init).getFileName());
        option(command, "--seed", settings.seed());
        option(command, "--pooling", settings.pooling().id());
        option(command, "--style-scale", number(settings.styleScale()));
        option(command, "--tile-size", settings.tiling().describe());
        option(command, "--colors", settings.colors().id());
        option(command, "--content-layer-weights", numbers(settings.contentLayerWeights()));
        option(command, "--style-layer-weights", numbers(settings.styleLayerWeights()));
        if (settings.normalizeGradients()) {
            command.append(" --normalize-gradients");
        }
        option(command, "--weights", result.weights());
        Map<String, String> text = new LinkedHashMap<>();
        text.put("Software", "nst " + VersionProvider.version());
        text.put("Description", command.toString());
        text.put("Comment", "made on " + result.backend());
        return text;
    }

    private static void option(StringBuilder command, String option, Object value) {
        String text = String.valueOf(value);
        command.append(' ').append(option).append(' ')
                .append(text.matches("[\\w.,:/+=@-]+") ? text : "'" + text.replace("'", "'\\''") + "'");
    }

    private static String layers(List<VggLayer> layers) {
        return layers.stream().map(VggLayer::id).collect(Collectors.joining(","));
    }

    private static String numbers(List<Double> values) {
        return values.stream().map(Provenance::number).collect(Collectors.joining(","));
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
