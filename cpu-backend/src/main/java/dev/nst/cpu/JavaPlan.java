package dev.nst.cpu;

import dev.nst.core.backend.NetworkLayout;
import dev.nst.core.backend.NetworkPlan;
import dev.nst.core.backend.StageSpec;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The pure-Java kernels of a {@link NetworkLayout}. Every buffer is allocated once per input size: one activation per
 * step (a fused ReLU overwrites its convolution's output), the max-pooling winners, the two gradient arenas and the
 * image gradient; only the requested outputs are copied into tensors.
 */
final class JavaPlan implements NetworkPlan {

    private final NetworkLayout layout;
    private final Map<VggLayer, JavaConv> convolutions;
    private final Map<VggLayer, JavaConv> dataGradients;
    private final Pooling pooling;
    private final Parallel parallel;
    private final TensorScope published;
    private final float[][] activations;
    private final int[][] winners;
    private final Map<VggLayer, Tensor> outputs = new EnumMap<>(VggLayer.class);
    private float[] input;
    private float[][] arenas;
    private float[] imageGradient;

    JavaPlan(NetworkLayout layout, Map<VggLayer, JavaConv> convolutions, Map<VggLayer, JavaConv> dataGradients,
             Pooling pooling, Parallel parallel, TensorScope scope) {
        this.layout = layout;
        this.convolutions = convolutions;
        this.dataGradients = dataGradients;
        this.pooling = pooling;
        this.parallel = parallel;
        this.published = scope.openScope();
        int steps = layout.stages().size();
        activations = new float[steps][];
        winners = new int[steps][];
        for (int i = 0; i < steps; i++) {
            StageSpec stage = layout.stages().get(i);
            activations[i] = new float[stage.output().intSize()];
            if (stage.kind() == StageSpec.Kind.POOL && pooling == Pooling.MAX) {
                winners[i] = new int[stage.output().intSize()];
            }
        }
        for (VggLayer layer : layout.outputs()) {
            outputs.put(layer, published.zeros(layout.stages().get(layout.producerOf(layer)).output()));
        }
    }

    @Override
    public void bindInput(Tensor image) {
        input = image.toArray();
    }

    @Override
    public void forward(int i) {
        StageSpec stage = layout.stages().get(i);
        float[] x = i == 0 ? input : activations[i - 1];
        float[] y = activations[i];
        Shape in = stage.input();
        switch (stage.kind()) {
            case CONV -> {
                convolutions.get(stage.convolution()).apply(x, in.height(), in.width(), parallel, y);
                if (stage.fusedRelu()) {
                    relu(y, y);
                }
            }
            case RELU -> relu(x, y);
            case POOL -> pool(x, in, y, winners[i]);
        }
    }

    @Override
    public Map<VggLayer, Tensor> outputs() {
        outputs.forEach((layer, tensor) -> CpuTensor.of(tensor).data().put(0, activations[layout.producerOf(layer)]));
        return Collections.unmodifiableMap(outputs);
    }

    @Override
    public void prepareBackward() {
        int floats = Math.toIntExact(layout.arenaFloats());
        arenas = new float[][] {new float[floats], new float[floats]};
        imageGradient = new float[layout.input().intSize()];
    }

    @Override
    public void beginBackward(Tensor imageGradientOut) {
    }

    @Override
    public void inject(int i, Tensor gradient, boolean add) {
        float[] target = arenas[NetworkLayout.outputGradientArena(i)];
        float[] values = gradient.toArray();
        if (add) {
            for (int j = 0; j < values.length; j++) {
                target[j] += values[j];
            }
        } else {
            System.arraycopy(values, 0, target, 0, values.length);
        }
    }

    @Override
    public void backward(int i) {
        StageSpec stage = layout.stages().get(i);
        float[] grad = arenas[NetworkLayout.outputGradientArena(i)];
        float[] target = NetworkLayout.inputGradientArena(i).map(a -> arenas[a]).orElse(imageGradient);
        Shape in = stage.input();
        switch (stage.kind()) {
            case CONV -> {
                if (stage.fusedRelu()) {
                    reluBackward(grad, activations[i], grad, stage.output().intSize());
                }
                dataGradients.get(stage.convolution()).apply(grad, in.height(), in.width(), parallel, target);
            }
            case RELU -> reluBackward(grad, activations[i], target, stage.output().intSize());
            case POOL -> poolBackward(grad, stage.output(), in, winners[i], target);
        }
    }

    @Override
    public void endBackward(Tensor imageGradientOut, boolean flowed) {
        if (!flowed) {
            Arrays.fill(imageGradient, 0f);
        }
        CpuTensor.of(imageGradientOut).data().put(0, imageGradient);
    }

    private static void relu(float[] x, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(0f, x[i]);
        }
    }

    /** The ReLU's output stands in for its input: both are positive at the same places. */
    private static void reluBackward(float[] grad, float[] output, float[] target, int n) {
        for (int i = 0; i < n; i++) {
            target[i] = output[i] > 0 ? grad[i] : 0f;
        }
    }

    private void pool(float[] x, Shape s, float[] y, int[] winner) {
        int h = s.height();
        int w = s.width();
        int oh = h / 2;
        int ow = w / 2;
        for (int c = 0; c < s.channels(); c++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int p = (c * h + 2 * oy) * w + 2 * ox;
                    int o = (c * oh + oy) * ow + ox;
                    if (pooling == Pooling.AVG) {
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
    }

    /** Scatters the gradient back; positions no window covers (an odd last row or column) get zero. */
    private void poolBackward(float[] grad, Shape out, Shape in, int[] winner, float[] g) {
        Arrays.fill(g, 0, in.intSize(), 0f);
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
    }

    @Override
    public void close() {
        published.close();
    }
}
