package dev.nst.weights;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * nst's cache format: VGG19 convolutions as safetensors, {@code conv1_1.weight} (OIHW float32) and
 * {@code conv1_1.bias} up to {@code conv5_4}, with the input convention and the original format in
 * {@code __metadata__}: {@code format} ({@value #FORMAT}), {@code preprocessing} (its name), {@code channels}
 * ({@code bgr} or {@code rgb}), {@code input_scale}, {@code mean}, {@code std} (comma-separated, network channel
 * order) and {@code source_format}. Any safetensors reader can open it.
 */
final class Vgg19Safetensors {

    static final String FORMAT = "nst-vgg19";
    private static final List<Preprocessing> KNOWN = List.of(Preprocessing.CAFFE_BGR, Preprocessing.TORCHVISION_RGB);

    private Vgg19Safetensors() {
    }

    static void write(Path file, Vgg19Weights weights, String sourceFormat) throws IOException {
        Preprocessing preprocessing = weights.preprocessing();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("preprocessing", preprocessing.name());
        metadata.put("channels", preprocessing.bgr() ? "bgr" : "rgb");
        metadata.put("input_scale", Double.toString(preprocessing.inputScale()));
        metadata.put("mean", join(preprocessing.mean()));
        metadata.put("std", join(preprocessing.std()));
        metadata.put("source_format", sourceFormat);
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        for (ConvWeights conv : weights.convolutions()) {
            tensors.add(new Safetensors.Tensor(conv.layer().id() + ".weight",
                    new int[] {conv.outChannels(), conv.inChannels(), 3, 3}, conv.kernel()));
            tensors.add(new Safetensors.Tensor(conv.layer().id() + ".bias", new int[] {conv.outChannels()}, conv.bias()));
        }
        Safetensors.write(file, metadata, tensors);
    }

    /** The convolutions {@code deepest} needs, with the input convention the file records. */
    static Vgg19Weights read(Path file, VggLayer deepest) {
        Safetensors.Contents contents;
        try {
            contents = Safetensors.read(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        Map<String, String> metadata = contents.metadata();
        if (!FORMAT.equals(metadata.get("format"))) {
            throw new InvalidInputException(file + ": is a safetensors file but not nst VGG19 weights (its metadata"
                    + " has no format " + FORMAT + "); import the original file with 'nst weights import'");
        }
        Preprocessing preprocessing = preprocessing(file, metadata);
        List<ConvWeights> convolutions = new ArrayList<>();
        int inChannels = 3;
        for (VggLayer conv : Vgg19Convolutions.neededFor(deepest)) {
            String weight = conv.id() + ".weight";
            String bias = conv.id() + ".bias";
            if (!contents.has(weight) || !contents.has(bias)) {
                throw new InvalidInputException(file + ": has no " + conv.id() + ", which the chosen layers need");
            }
            int[] shape = contents.shape(weight);
            if (shape.length != 4 || shape[1] != inChannels || shape[2] != 3 || shape[3] != 3
                    || !Arrays.equals(contents.shape(bias), new int[] {shape[0]})) {
                throw new InvalidInputException(file + ": " + conv.id() + " has shapes " + Arrays.toString(shape)
                        + " and " + Arrays.toString(contents.shape(bias)) + ", expected [C, " + inChannels
                        + ", 3, 3] and [C]");
            }
            convolutions.add(new ConvWeights(conv, inChannels, shape[0], contents.floats(weight), contents.floats(bias)));
            inChannels = shape[0];
        }
        return new Vgg19Weights(file.getFileName() + " (" + metadata.getOrDefault("source_format", "safetensors")
                + ", converted)", preprocessing, convolutions);
    }

    private static Preprocessing preprocessing(Path file, Map<String, String> metadata) {
        try {
            String channels = metadata.get("channels");
            if (!"bgr".equals(channels) && !"rgb".equals(channels)) {
                throw new IllegalArgumentException("channels " + channels);
            }
            Preprocessing recorded = new Preprocessing(metadata.getOrDefault("preprocessing", "recorded"),
                    channels.equals("bgr"), Double.parseDouble(metadata.get("input_scale")),
                    doubles(metadata.get("mean")), doubles(metadata.get("std")));
            return KNOWN.stream().filter(recorded::equals).findFirst().orElse(recorded);
        } catch (RuntimeException e) {
            throw new InvalidInputException(file + ": its metadata does not describe the input convention ("
                    + e.getMessage() + ")", e);
        }
    }

    private static double[] doubles(String text) {
        return Arrays.stream(text.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String join(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
    }
}
