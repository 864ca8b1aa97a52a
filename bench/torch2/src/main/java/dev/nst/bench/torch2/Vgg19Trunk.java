package dev.nst.bench.torch2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * VGG19's convolution trunk as libtorch operations, up to the deepest layer a loss reads: 3x3 convolutions with
 * padding 1, ReLU, 2x2 max pooling with stride 2, on {@code 1 x 3 x H x W} input in the weights' convention.
 */
final class Vgg19Trunk {

    private static final Shape UNIT = new Shape(1, 1);
    private static final Shape PAD_ONE = new Shape(1, 1);
    private static final Shape POOL_WINDOW = new Shape(2, 2);
    private static final Shape NO_PADDING = new Shape(0, 0);

    /** A convolution's kernel ({@code O x I x 3 x 3}) and bias. */
    private record Convolution(NDArray kernel, NDArray bias) {
    }

    private final List<VggLayer> layers;
    private final Set<VggLayer> outputs;
    private final Map<VggLayer, Convolution> convolutions = new EnumMap<>(VggLayer.class);

    /**
     * @param manager where the parameters are kept
     * @param outputs the layers whose activations {@link #forward} returns
     */
    Vgg19Trunk(NDManager manager, Vgg19Weights weights, Set<VggLayer> outputs) {
        this.layers = VggLayer.upTo(VggLayer.deepest(outputs));
        this.outputs = Set.copyOf(outputs);
        for (VggLayer layer : layers) {
            if (layer.kind() == VggLayer.Kind.CONV) {
                ConvWeights conv = weights.convolution(layer);
                convolutions.put(layer, new Convolution(
                        manager.create(conv.kernel(), new Shape(conv.outChannels(), conv.inChannels(), 3, 3)),
                        manager.create(conv.bias())));
            }
        }
    }

    /** The activations of the output layers for {@code image}; they belong to {@code image}'s manager. */
    Map<VggLayer, NDArray> forward(NDArray image) {
        Map<VggLayer, NDArray> features = new EnumMap<>(VggLayer.class);
        NDArray x = image;
        for (VggLayer layer : layers) {
            x = switch (layer.kind()) {
                case CONV -> {
                    Convolution conv = convolutions.get(layer);
                    yield Conv2d.conv2d(x, conv.kernel(), conv.bias(), UNIT, PAD_ONE, UNIT).singletonOrThrow();
                }
                case RELU -> Activation.relu(x);
                case POOL -> Pool.maxPool2d(x, POOL_WINDOW, POOL_WINDOW, NO_PADDING, false);
            };
            if (outputs.contains(layer)) {
                features.put(layer, x);
            }
        }
        return features;
    }
}
