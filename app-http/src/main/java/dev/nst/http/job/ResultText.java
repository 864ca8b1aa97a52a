package dev.nst.http.job;

import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.NstVersion;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a result was made, written into its PNG: {@code Software} (nst and its version) and {@code Description}, the
 * request's settings in the API's field names with every default spelt out (loss weights in effect included), so
 * that the same request makes it again. The pictures are not named: their names are the client's.
 */
final class ResultText {

    private ResultText() {
    }

    static Map<String, String> of(TransferStyleCommand command, TransferResult result) {
        TransferSettings s = command.settings();
        LossWeights w = result.lossWeights();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("size", s.size());
        if (s.stages().size() > 1) {
            fields.put("scales", s.stages().stream().map(stage -> String.valueOf(stage.size()))
                    .collect(Collectors.joining(",")));
            fields.put("iterations", s.stages().stream().map(stage -> String.valueOf(stage.iterations()))
                    .collect(Collectors.joining(",")));
        } else {
            fields.put("iterations", s.iterations());
        }
        fields.put("optimizer", s.optimizer().id());
        fields.put("learningRate", number(s.effectiveLearningRate()));
        if (s.optimizer() == OptimizerKind.LBFGS) {
            fields.put("lbfgsHistory", result.plan() == null ? s.effectiveLbfgsHistory()
                    : result.plan().last().lbfgsHistory());
        }
        fields.put("contentWeight", number(w.contentWeight()));
        fields.put("styleWeight", number(w.styleWeight()));
        fields.put("tvWeight", number(w.tvWeight()));
        fields.put("contentLayers", layers(s.contentLayers()));
        fields.put("styleLayers", layers(s.styleLayers()));
        fields.put("init", command.initialImage() instanceof InitialImage.Noise ? "noise"
                : command.initialImage() instanceof InitialImage.Content ? "content" : "(an image)");
        fields.put("seed", s.seed());
        fields.put("pooling", s.pooling().id());
        fields.put("styleScale", number(s.styleScale()));
        fields.put("tileSize", s.tiling().describe());
        fields.put("styles", command.styles().size());
        if (command.masked()) {
            fields.put("styleMasks", command.styles().size());
        }
        if (command.contentMask().isPresent()) {
            fields.put("contentMask", "(an image)");
        }
        fields.put("colors", s.colors().id());
        fields.put("contentLayerWeights", numbers(s.contentLayerWeights()));
        fields.put("styleLayerWeights", numbers(s.styleLayerWeights()));
        if (s.normalizeGradients()) {
            fields.put("normalizeGradients", true);
        }
        fields.put("weights", result.weights());
        Map<String, String> text = new LinkedHashMap<>();
        text.put("Software", "nst " + NstVersion.current());
        text.put("Description", "POST /api/transfers " + fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        text.put("Comment", "made on " + result.backend());
        return text;
    }

    private static String layers(List<VggLayer> layers) {
        return layers.stream().map(VggLayer::id).collect(Collectors.joining(","));
    }

    private static String numbers(List<Double> values) {
        return values.stream().map(ResultText::number).collect(Collectors.joining(","));
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
