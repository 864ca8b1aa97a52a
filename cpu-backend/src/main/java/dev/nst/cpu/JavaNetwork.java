package dev.nst.cpu;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.Tensor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The VGG19 trunk in plain Java. Activations live on the heap; a ReLU overwrites the convolution before it unless
 * that convolution is itself an output. Max pooling remembers which input won, for the backward pass.
 */
final class JavaNetwork implements CpuNetwork {

    private final CpuSession session;
    private final Parallel parallel;
    private final Pooling pooling;
    private final Set<VggLayer> outputs;
    private final List<VggLayer> layers;
    private final Map<VggLayer, JavaConv> convs = new EnumMap<>(VggLayer.class);
    private final Map<VggLayer, JavaConv> convGradients = new EnumMap<>(VggLayer.class);
    private final Map<VggLayer, CpuTensor> outputTensors = new EnumMap<>(VggLayer.class);

    private final List<float[]> activations = new ArrayList<>();
    private final List<Shape> shapes = new ArrayList<>();
    private final Map<VggLayer, int[]> winners = new EnumMap<>(VggLayer.class);
    private Shape inputShape;

    JavaNetwork(CpuSession session, Parallel parallel, Vgg19Weights weights, Pooling pooling, Set<VggLayer> outputs) {
        this.session = session;
        this.parallel = parallel;
        this.pooling = pooling;
        this.outputs = Set.copyOf(outputs);
        this.layers = VggLayer.upTo(VggLayer.deepest(outputs));
        for (VggLayer layer : layers) {
            if (layer.kind() == VggLayer.Kind.CONV) {
                convs.put(layer, JavaConv.of(weights.convolution(layer)));
                convGradients.put(layer, JavaConv.dataGradientOf(weights.convolution(layer)));
            }
        }
    }

    @Override
    public Map<VggLayer, Tensor> forward(Tensor image) {
        activations.clear();
        shapes.clear();
        inputShape = image.shape();
        float[] x = image.toArray();
        Shape s = inputShape;
        Map<VggLayer, Tensor> result = new EnumMap<>(VggLayer.class);
        for (VggLayer layer : layers) {
            switch (layer.kind()) {
                case CONV -> {
                    JavaConv conv = convs.get(layer);
                    x = conv.apply(x, s.height(), s.width(), parallel);
                    s = new Shape(conv.outChannels(), s.height(), s.width());
                }
                case RELU -> x = relu(x, outputs.contains(previous(layer)));
                case POOL -> {
                    int[] winner = pooling == Pooling.MAX ? new int[s.channels() * (s.height() / 2) * (s.width() / 2)] : null;
                    x = pool(x, s, winner);
                    winners.put(layer, winner);
                    s = new Shape(s.channels(), s.height() / 2, s.width() / 2);
                }
            }
            activations.add(x);
            shapes.add(s);
            if (outputs.contains(layer)) {
                result.put(layer, publish(layer, s, x));
            }
        }
        return result;
    }

    @Override
    public void backward(Map<VggLayer, Tensor> outputGradients, Tensor imageGradient) {
        float[] grad = null;
        for (int i = layers.size() - 1; i >= 0; i--) {
            VggLayer layer = layers.get(i);
            Tensor injected = outputGradients.get(layer);
            if (injected != null) {
                grad = grad == null ? injected.toArray() : add(grad, injected.toArray());
            }
            if (grad == null) {
                continue;
            }
            Shape in = i == 0 ? inputShape : shapes.get(i - 1);
            grad = switch (layer.kind()) {
                case CONV -> convGradients.get(layer).apply(grad, in.height(), in.width(), parallel);
                case RELU -> reluBackward(grad, activations.get(i));
                case POOL -> poolBackward(grad, shapes.get(i), in, winners.get(layer));
            };
        }
        CpuTensor out = CpuTensor.of(imageGradient);
        if (grad == null) {
            out.data().put(0, new float[out.size()]);
        } else {
            out.data().put(0, grad);
        }
    }

    private Tensor publish(VggLayer layer, Shape shape, float[] values) {
        CpuTensor tensor = outputTensors.get(layer);
        if (tensor == null || !tensor.shape().equals(shape)) {
            if (tensor != null) {
                tensor.close();
            }
            tensor = session.allocate(shape);
            outputTensors.put(layer, tensor);
        }
        tensor.data().put(0, values);
        return tensor;
    }

    private static VggLayer previous(VggLayer layer) {
        return VggLayer.values()[layer.ordinal() - 1];
    }

    private static float[] relu(float[] x, boolean keepInput) {
        float[] y = keepInput ? new float[x.length] : x;
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0f, x[i]);
        }
        return y;
    }

    private static float[] reluBackward(float[] grad, float[] output) {
        for (int i = 0; i < grad.length; i++) {
            if (!(output[i] > 0)) {
                grad[i] = 0f;
            }
        }
        return grad;
    }

    private float[] pool(float[] x, Shape s, int[] winner) {
        int h = s.height();
        int w = s.width();
        int oh = h / 2;
        int ow = w / 2;
        float[] y = new float[s.channels() * oh * ow];
        for (int c = 0; c < s.channels(); c++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int p = (c * h + 2 * oy) * w + 2 * ox;
                    int o = (c * oh + oy) * ow + ox;
                    if (winner == null) {
                        y[o] = (x[p] + x[p + 1] + x[p + w] + x[p + w + 1]) * 0.25f;
                    } else {
                        int best = p;
                        for (int q : new int[] {p + 1, p + w, p + w + 1}) {
                            if (x[q] > x[best]) {
                                best = q;
                            }
                        }
                        winner[o] = best;
                        y[o] = x[best];
                    }
                }
            }
        }
        return y;
    }

    private float[] poolBackward(float[] grad, Shape out, Shape in, int[] winner) {
        float[] g = new float[in.size()];
        int w = in.width();
        for (int c = 0; c < out.channels(); c++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    int o = (c * out.height() + oy) * out.width() + ox;
                    if (winner != null) {
                        g[winner[o]] += grad[o];
                    } else {
                        int p = (c * in.height() + 2 * oy) * w + 2 * ox;
                        float q = grad[o] * 0.25f;
                        g[p] += q;
                        g[p + 1] += q;
                        g[p + w] += q;
                        g[p + w + 1] += q;
                    }
                }
            }
        }
        return g;
    }

    private static float[] add(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    @Override
    public void close() {
        outputTensors.values().forEach(CpuTensor::close);
        outputTensors.clear();
        activations.clear();
    }
}
