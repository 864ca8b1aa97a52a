package dev.nst.cuda;

import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The VGG19 trunk for one input size as a sequence of GPU steps, from {@code conv1_1} to the deepest requested layer.
 * A convolution whose own output is not requested gets its ReLU applied in place (one activation instead of two);
 * the backward pass runs the steps in reverse, its gradients alternating between two buffers ("arenas") each as large
 * as the largest activation, so it needs two activations of memory rather than one per layer.
 */
public final class NetworkLayout {

    private final Shape input;
    private final List<StageSpec> stages;
    private final Map<VggLayer, Integer> producers = new EnumMap<>(VggLayer.class);

    private NetworkLayout(Shape input, List<StageSpec> stages) {
        this.input = input;
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
        List<VggLayer> layers = VggLayer.upTo(deepest);
        List<StageSpec> stages = new ArrayList<>();
        Shape shape = input;
        for (int i = 0; i < layers.size(); i++) {
            VggLayer layer = layers.get(i);
            StageSpec stage = switch (layer.kind()) {
                case CONV -> {
                    boolean inPlace = i + 1 < layers.size() && !outputs.contains(layer);
                    Shape out = new Shape(weights.convolution(layer).outChannels(), shape.height(), shape.width());
                    if (inPlace) {
                        i++;
                    }
                    VggLayer produced = inPlace ? layers.get(i) : layer;
                    yield new StageSpec(StageSpec.Kind.CONV, produced, layer, inPlace, shape, out, false);
                }
                case RELU -> new StageSpec(StageSpec.Kind.RELU, layer, null, false, shape, shape, false);
                case POOL -> new StageSpec(StageSpec.Kind.POOL, layer, null, false, shape,
                        new Shape(shape.channels(), shape.height() / 2, shape.width() / 2),
                        shape.height() % 2 != 0 || shape.width() % 2 != 0);
            };
            stages.add(stage);
            shape = stage.output();
        }
        return new NetworkLayout(input, stages);
    }

    public Shape input() {
        return input;
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

    /** Device memory the activations take, in bytes. */
    public long activationBytes() {
        return stages.stream().mapToLong(s -> (long) s.output().size() * Float.BYTES).sum();
    }

    /** Device memory the two gradient arenas take, in bytes. */
    public long arenaBytes() {
        return 2 * arenaFloats() * Float.BYTES;
    }
}
