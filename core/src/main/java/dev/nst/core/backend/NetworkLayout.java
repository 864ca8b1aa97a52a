package dev.nst.core.backend;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.Vgg19Widths;
import dev.nst.core.domain.VggLayer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The VGG19 trunk for one input size as a sequence of steps, from {@code conv1_1} to the deepest requested layer, as
 * every backend runs it. A convolution whose own output is not requested takes its ReLU in the same step (one
 * activation instead of two); the backward pass runs the steps in reverse, its gradients alternating between two
 * buffers ("arenas") each as large as the largest activation, so it needs two activations of memory rather than one
 * per layer.
 */
public final class NetworkLayout {

    private final Shape input;
    private final Set<VggLayer> outputs;
    private final List<StageSpec> stages;
    private final Map<VggLayer, Integer> producers = new EnumMap<>(VggLayer.class);

    private NetworkLayout(Shape input, Set<VggLayer> outputs, List<StageSpec> stages) {
        this.input = input;
        this.outputs = Set.copyOf(outputs);
        this.stages = List.copyOf(stages);
        for (int i = 0; i < stages.size(); i++) {
            producers.put(stages.get(i).layer(), i);
        }
    }

    /**
     * @throws IllegalArgumentException when no output is requested or the weights do not reach the deepest one
     */
    public static NetworkLayout of(Vgg19Weights weights, Set<VggLayer> outputs, Shape input) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one output layer");
        }
        VggLayer deepest = VggLayer.deepest(outputs);
        if (!weights.covers(deepest)) {
            throw new IllegalArgumentException("weights " + weights.source() + " stop before " + deepest.id());
        }
        return of(Vgg19Widths.of(weights), outputs, input);
    }

    /**
     * The layout of a network of these widths, for planning memory before (or without) its weights.
     *
     * @throws IllegalArgumentException when no output is requested or the widths do not reach the deepest one
     */
    public static NetworkLayout of(Vgg19Widths widths, Set<VggLayer> outputs, Shape input) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one output layer");
        }
        VggLayer deepest = VggLayer.deepest(outputs);
        List<VggLayer> layers = VggLayer.upTo(deepest);
        List<StageSpec> stages = new ArrayList<>();
        Shape shape = input;
        for (int i = 0; i < layers.size(); i++) {
            VggLayer layer = layers.get(i);
            StageSpec stage = switch (layer.kind()) {
                case CONV -> {
                    boolean fused = i + 1 < layers.size() && !outputs.contains(layer);
                    Shape out = new Shape(widths.channelsAt(layer), shape.height(), shape.width());
                    if (fused) {
                        i++;
                    }
                    VggLayer produced = fused ? layers.get(i) : layer;
                    yield new StageSpec(StageSpec.Kind.CONV, produced, layer, fused, shape, out, false);
                }
                case RELU -> new StageSpec(StageSpec.Kind.RELU, layer, null, false, shape, shape, false);
                case POOL -> new StageSpec(StageSpec.Kind.POOL, layer, null, false, shape,
                        new Shape(shape.channels(), shape.height() / 2, shape.width() / 2),
                        shape.height() % 2 != 0 || shape.width() % 2 != 0);
            };
            stages.add(stage);
            shape = stage.output();
        }
        return new NetworkLayout(input, outputs, stages);
    }

    public Shape input() {
        return input;
    }

    /** The layers whose activations are requested. */
    public Set<VggLayer> outputs() {
        return outputs;
    }

    public List<StageSpec> stages() {
        return stages;
    }

    /** The index of the step producing {@code layer}'s activation. */
    public int producerOf(VggLayer layer) {
        Integer index = producers.get(layer);
        if (index == null) {
            throw new IllegalArgumentException(layer.id() + " is not computed by this network");
        }
        return index;
    }

    /** The size of each gradient arena, in floats: the largest tensor any step reads or writes. */
    public long arenaFloats() {
        long largest = input.size();
        for (StageSpec stage : stages) {
            largest = Math.max(largest, stage.output().size());
        }
        return largest;
    }

    /** The arena holding the gradient at step {@code i}'s output during the backward pass. */
    public static int outputGradientArena(int i) {
        return i % 2;
    }

    /** The arena receiving the gradient at step {@code i}'s input; none for the first step (it writes the image's). */
    public static Optional<Integer> inputGradientArena(int i) {
        return i == 0 ? Optional.empty() : Optional.of((i - 1) % 2);
    }

    /** Memory the activations take as dense float32, in bytes. */
    public long activationBytes() {
        return stages.stream().mapToLong(s -> s.output().size() * Float.BYTES).sum();
    }

    /** Memory the two gradient arenas take as dense float32, in bytes. */
    public long arenaBytes() {
        return 2 * arenaFloats() * Float.BYTES;
    }

    /**
     * Checks that no tensor of this plan holds more than {@code maxElements} values, the most a backend can address in
     * one tensor.
     *
     * @param backend the backend, as users know it, e.g. {@code the cpu backend}
     * @throws TransferFailedException naming the largest tensor and, as a hint, the largest longer side of an input
     *                                 of the same aspect ratio whose plan fits
     */
    public void requireWithin(long maxElements, String backend) {
        StageSpec largest = stages.get(0);
        for (StageSpec stage : stages) {
            if (stage.output().size() > largest.output().size()) {
                largest = stage;
            }
        }
        if (largest.output().size() <= maxElements && input.size() <= maxElements) {
            return;
        }
        int fits = largestSideWithin(maxElements);
        throw new TransferFailedException(String.format(Locale.ROOT, "%s holds at most %d values in one tensor, but"
                        + " %s of a %dx%d input has %s = %d; at most %d px on the longer side fit", backend, maxElements,
                largest.layer().id(), input.width(), input.height(), largest.output(), largest.output().size(), fits),
                List.of(Hint.reduceSizeTo(fits)));
    }

    /** The largest longer side, at this input's aspect ratio, whose every tensor holds at most {@code max} values. */
    private int largestSideWithin(long max) {
        int low = 0;
        int high = Math.max(input.height(), input.width());
        while (low < high) {
            int side = (low + high + 1) >>> 1;
            if (largestTensorAt(side) <= max) {
                low = side;
            } else {
                high = side - 1;
            }
        }
        return low;
    }

    /** The largest tensor's element count for an input resized so that its longer side is {@code side}. */
    private long largestTensorAt(int side) {
        int longer = Math.max(input.height(), input.width());
        double scale = (double) side / longer;
        long w = input.width() >= input.height() ? side : Math.max(1, Math.round(input.width() * scale));
        long h = input.height() > input.width() ? side : Math.max(1, Math.round(input.height() * scale));
        long largest = input.channels() * h * w;
        for (StageSpec stage : stages) {
            int poolings = stage.layer().poolingsBefore();
            largest = Math.max(largest, stage.output().channels() * (h >> poolings) * (w >> poolings));
        }
        return largest;
    }
}
