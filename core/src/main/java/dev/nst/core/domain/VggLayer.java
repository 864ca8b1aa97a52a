package dev.nst.core.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The layers of the VGG19 convolution trunk in network order, named as in the literature and in jcjohnson's
 * neural-style: {@code conv1_1, relu1_1, conv1_2, relu1_2, pool1, conv2_1 ... relu5_4, pool5}.
 */
public enum VggLayer {
    CONV1_1, RELU1_1, CONV1_2, RELU1_2, POOL1,
    CONV2_1, RELU2_1, CONV2_2, RELU2_2, POOL2,
    CONV3_1, RELU3_1, CONV3_2, RELU3_2, CONV3_3, RELU3_3, CONV3_4, RELU3_4, POOL3,
    CONV4_1, RELU4_1, CONV4_2, RELU4_2, CONV4_3, RELU4_3, CONV4_4, RELU4_4, POOL4,
    CONV5_1, RELU5_1, CONV5_2, RELU5_2, CONV5_3, RELU5_3, CONV5_4, RELU5_4, POOL5;

    /** What a layer computes. */
    public enum Kind { CONV, RELU, POOL }

    private static final Map<String, VggLayer> BY_ID =
            Arrays.stream(values()).collect(Collectors.toMap(VggLayer::id, Function.identity()));
    private static final List<VggLayer> CONVOLUTIONS =
            Arrays.stream(values()).filter(l -> l.kind() == Kind.CONV).toList();

    /** The layer's name as users write it, e.g. {@code relu4_2}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Kind kind() {
        return switch (name().substring(0, 4)) {
            case "CONV" -> Kind.CONV;
            case "RELU" -> Kind.RELU;
            default -> Kind.POOL;
        };
    }

    /** The block number, 1 to 5. */
    public int block() {
        return name().charAt(4) - '0';
    }

    /** Number of 2x2 poolings applied before this layer's output, i.e. its downsampling factor is 2^this. */
    public int poolingsBefore() {
        return kind() == Kind.POOL ? block() : block() - 1;
    }

    /**
     * The shape of this layer's output, with {@code channels} channels, for an input of {@code width x height}: each
     * pooling before it halves the grid, dropping an odd last row or column.
     */
    public Shape outputShape(int channels, int width, int height) {
        return new Shape(channels, height >> poolingsBefore(), width >> poolingsBefore());
    }

    /** The shortest image side, in pixels, this layer can be computed from: each pooling halves it. */
    public int minimumInputSide() {
        return 1 << poolingsBefore();
    }

    /** Whether {@code other} is computed no later than this layer. */
    public boolean atOrAfter(VggLayer other) {
        return ordinal() >= other.ordinal();
    }

    /** The sixteen convolutions in network order. */
    public static List<VggLayer> convolutions() {
        return CONVOLUTIONS;
    }

    /** Parses a layer name such as {@code relu4_2} (case-insensitive, surrounding blanks ignored). */
    public static VggLayer parse(String id) {
        VggLayer layer = BY_ID.get(id.trim().toLowerCase(Locale.ROOT));
        if (layer == null) {
            throw new InvalidInputException("unknown layer '" + id.trim() + "'; valid layers are "
                    + Arrays.stream(values()).map(VggLayer::id).collect(Collectors.joining(", ")));
        }
        return layer;
    }

    /** Parses a comma-separated list of layer names, e.g. {@code relu1_1,relu2_1}. */
    public static List<VggLayer> parseList(String ids) {
        List<VggLayer> layers = Arrays.stream(ids.split(","))
                .filter(s -> !s.isBlank())
                .map(VggLayer::parse)
                .distinct()
                .toList();
        if (layers.isEmpty()) {
            throw new InvalidInputException("no layer given in '" + ids + "'");
        }
        return layers;
    }

    /** The layers a network must compute to reach {@code last}: {@code conv1_1} through {@code last}, in order. */
    public static List<VggLayer> upTo(VggLayer last) {
        return Arrays.asList(values()).subList(0, last.ordinal() + 1);
    }

    /** The deepest of the given layers. */
    public static VggLayer deepest(java.util.Collection<VggLayer> layers) {
        return layers.stream().max(Enum::compareTo)
                .orElseThrow(() -> new IllegalArgumentException("no layers"));
    }
}
