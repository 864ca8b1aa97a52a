package dev.nst.core.testing;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.BackendCapacity;
import dev.nst.core.port.out.Capability;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.OptimizerKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backend built from {@link ReferenceKernels}: slow, obviously right, used to test the core service and to check
 * that the contract test itself holds for a known-good implementation. Its tensors live on the heap; closing one
 * (or its scope) marks it freed, and using it after that fails, so tests can see what a scope freed.
 */
public final class ReferenceBackend implements ComputeBackend {

    private int openSessions;
    private int liveTensors;

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String description() {
        return "reference (plain Java, for tests)";
    }

    @Override
    public boolean has(Capability capability) {
        return false;
    }

    @Override
    public BackendCapacity capacity() {
        return new DenseCapacity();
    }

    /** Sessions opened and not yet closed. */
    public int openSessions() {
        return openSessions;
    }

    /** Tensors allocated through scopes and not freed yet, in every session. */
    public int liveTensors() {
        return liveTensors;
    }

    @Override
    public ComputeSession openSession() {
        openSessions++;
        return new Session();
    }

    @Override
    public void close() {
    }

    /** A tensor on the Java heap. */
    public static final class RefTensor implements Tensor {
        private final Shape shape;
        private final float[] data;
        private final Scope owner;
        private boolean closed;

        RefTensor(Shape shape, float[] data, Scope owner) {
            this.shape = shape;
            this.data = data;
            this.owner = owner;
        }

        @Override
        public Shape shape() {
            return shape;
        }

        /** The values; fails once the tensor is freed. */
        public float[] data() {
            if (closed) {
                throw new IllegalStateException("tensor " + shape + " used after close");
            }
            return data;
        }

        public boolean isClosed() {
            return closed;
        }

        @Override
        public float[] toArray() {
            return data().clone();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (owner != null) {
                    owner.tensors.remove(this);
                    owner.backend().liveTensors--;
                }
            }
        }
    }

    static float[] data(Tensor t) {
        return ((RefTensor) t).data();
    }

    /** A scope: its tensors, and the scopes opened in it, are freed when it closes. */
    private class Scope implements TensorScope {
        final List<RefTensor> tensors = new ArrayList<>();
        final List<Scope> children = new ArrayList<>();
        private final Scope parent;
        private boolean closed;

        Scope(Scope parent) {
            this.parent = parent;
        }

        ReferenceBackend backend() {
            return ReferenceBackend.this;
        }

        @Override
        public Tensor upload(Shape shape, float[] values) {
            if (values.length != shape.size()) {
                throw new IllegalArgumentException("size mismatch");
            }
            return keep(new RefTensor(shape, values.clone(), this));
        }

        @Override
        public Tensor zeros(Shape shape) {
            return keep(new RefTensor(shape, new float[shape.intSize()], this));
        }

        private Tensor keep(RefTensor tensor) {
            if (closed) {
                throw new IllegalStateException("scope used after close");
            }
            tensors.add(tensor);
            liveTensors++;
            return tensor;
        }

        @Override
        public TensorScope openScope() {
            Scope child = new Scope(this);
            children.add(child);
            return child;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            new ArrayList<>(children).forEach(Scope::close);
            new ArrayList<>(tensors).forEach(RefTensor::close);
            if (parent != null) {
                parent.children.remove(this);
            }
        }
    }

    private final class Session extends Scope implements ComputeSession {
        private final Kernels kernels = new Kernels();
        private boolean counted = true;

        Session() {
            super(null);
        }

        @Override
        public FeatureNetwork network(Vgg19Weights weights, Pooling pooling, Set<VggLayer> outputs) {
            return new Network(weights, pooling, outputs);
        }

        @Override
        public LossKernels losses() {
            return kernels;
        }

        @Override
        public OptimizerKernels optimizer() {
            return kernels;
        }

        @Override
        public void close() {
            if (counted) {
                counted = false;
                openSessions--;
            }
            super.close();
        }
    }

    private static final class Network implements FeatureNetwork {
        private final Vgg19Weights weights;
        private final Pooling pooling;
        private final Set<VggLayer> outputs;
        private final List<VggLayer> layers;
        private final List<float[]> activations = new ArrayList<>();
        private final List<Shape> shapes = new ArrayList<>();
        private Shape inputShape;

        Network(Vgg19Weights weights, Pooling pooling, Set<VggLayer> outputs) {
            this.weights = weights;
            this.pooling = pooling;
            this.outputs = outputs;
            this.layers = VggLayer.upTo(VggLayer.deepest(outputs));
        }

        @Override
        public Map<VggLayer, Tensor> forward(Tensor image) {
            activations.clear();
            shapes.clear();
            inputShape = image.shape();
            float[] x = data(image);
            Shape s = inputShape;
            Map<VggLayer, Tensor> result = new EnumMap<>(VggLayer.class);
            for (VggLayer layer : layers) {
                switch (layer.kind()) {
                    case CONV -> {
                        var conv = weights.convolution(layer);
                        x = ReferenceKernels.conv(x, s.height(), s.width(), conv);
                        s = new Shape(conv.outChannels(), s.height(), s.width());
                    }
                    case RELU -> x = ReferenceKernels.relu(x);
                    case POOL -> {
                        x = ReferenceKernels.pool(x, s.channels(), s.height(), s.width(), pooling);
                        s = new Shape(s.channels(), s.height() / 2, s.width() / 2);
                    }
                }
                activations.add(x);
                shapes.add(s);
                if (outputs.contains(layer)) {
                    result.put(layer, new RefTensor(s, x, null));
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
                    grad = grad == null ? data(injected).clone() : add(grad, data(injected));
                }
                if (grad == null) {
                    continue;
                }
                float[] input = i == 0 ? null : activations.get(i - 1);
                Shape inShape = i == 0 ? inputShape : shapes.get(i - 1);
                grad = switch (layer.kind()) {
                    case CONV -> ReferenceKernels.convBackward(grad, inShape.height(), inShape.width(), weights.convolution(layer));
                    case RELU -> ReferenceKernels.reluBackward(grad, activations.get(i));
                    case POOL -> ReferenceKernels.poolBackward(grad, input, inShape.channels(), inShape.height(),
                            inShape.width(), pooling);
                };
            }
            float[] out = data(imageGradient);
            if (grad == null) {
                Arrays.fill(out, 0f);
            } else {
                System.arraycopy(grad, 0, out, 0, out.length);
            }
        }

        private static float[] add(float[] a, float[] b) {
            float[] sum = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                sum[i] = a[i] + b[i];
            }
            return sum;
        }
    }

    private static final class Kernels implements LossKernels, OptimizerKernels {

        @Override
        public void copy(Tensor from, Tensor to) {
            System.arraycopy(data(from), 0, data(to), 0, data(to).length);
        }

        @Override
        public void zero(Tensor tensor) {
            Arrays.fill(data(tensor), 0f);
        }

        @Override
        public double dot(Tensor a, Tensor b) {
            float[] x = data(a);
            float[] y = data(b);
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += (double) x[i] * y[i];
            }
            return sum;
        }

        @Override
        public double sumAbs(Tensor a) {
            double sum = 0;
            for (float v : data(a)) {
                sum += java.lang.Math.abs(v);
            }
            return sum;
        }

        @Override
        public void axpy(double alpha, Tensor x, Tensor y) {
            float[] xs = data(x);
            float[] ys = data(y);
            for (int i = 0; i < ys.length; i++) {
                ys[i] += (float) (alpha * xs[i]);
            }
        }

        @Override
        public void scale(Tensor x, double alpha) {
            float[] xs = data(x);
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (float) (xs[i] * alpha);
            }
        }

        @Override
        public void adamStep(Tensor x, Tensor gradient, Tensor m, Tensor v, AdamStep step) {
            float[] xs = data(x);
            float[] g = data(gradient);
            float[] ms = data(m);
            float[] vs = data(v);
            double c1 = 1 - java.lang.Math.pow(step.beta1(), step.t());
            double c2 = 1 - java.lang.Math.pow(step.beta2(), step.t());
            for (int i = 0; i < xs.length; i++) {
                ms[i] = (float) (step.beta1() * ms[i] + (1 - step.beta1()) * g[i]);
                vs[i] = (float) (step.beta2() * vs[i] + (1 - step.beta2()) * g[i] * g[i]);
                xs[i] -= (float) (step.learningRate() * (ms[i] / c1) / (java.lang.Math.sqrt(vs[i] / c2) + step.epsilon()));
            }
        }

        @Override
        public void gram(Tensor features, Tensor positionWeights, double scale, boolean accumulate, Tensor gram) {
            Shape s = features.shape();
            float[] g = ReferenceKernels.gram(data(features), s.channels(), s.intArea(),
                    positionWeights == null ? null : data(positionWeights), scale);
            float[] out = data(gram);
            for (int i = 0; i < g.length; i++) {
                out[i] = accumulate ? out[i] + g[i] : g[i];
            }
        }

        @Override
        public void gramBackward(Tensor features, Tensor positionWeights, double scale, Tensor gramGradient,
                                 Tensor featureGradient) {
            Shape s = features.shape();
            float[] df = ReferenceKernels.gramBackward(data(features), s.channels(), s.intArea(),
                    positionWeights == null ? null : data(positionWeights), scale, data(gramGradient));
            float[] out = data(featureGradient);
            for (int i = 0; i < df.length; i++) {
                out[i] += df[i];
            }
        }

        @Override
        public double meanSquaredError(Tensor x, Tensor target, Tensor elementWeights, double count, double weight,
                                       Tensor gradient) {
            float[] e = elementWeights == null ? null : data(elementWeights);
            if (gradient != null) {
                float[] g = ReferenceKernels.meanSquaredErrorGradient(data(x), data(target), e, count, weight);
                float[] out = data(gradient);
                for (int i = 0; i < g.length; i++) {
                    out[i] += g[i];
                }
            }
            return ReferenceKernels.meanSquaredError(data(x), data(target), e, count, weight);
        }

        @Override
        public double totalVariation(Tensor image, double weight, Tensor gradient) {
            Shape s = image.shape();
            float[] x = data(image);
            if (gradient != null) {
                float[] g = data(gradient);
                int h = s.height();
                int w = s.width();
                for (int c = 0; c < s.channels(); c++) {
                    for (int y = 0; y < h; y++) {
                        for (int xx = 0; xx < w; xx++) {
                            int p = (c * h + y) * w + xx;
                            if (xx + 1 < w) {
                                double d = x[p + 1] - x[p];
                                g[p + 1] += (float) (weight * d);
                                g[p] -= (float) (weight * d);
                            }
                            if (y + 1 < h) {
                                double d = x[p + w] - x[p];
                                g[p + w] += (float) (weight * d);
                                g[p] -= (float) (weight * d);
                            }
                        }
                    }
                }
            }
            return ReferenceKernels.totalVariation(x, s.channels(), s.height(), s.width(), weight);
        }

        @Override
        public void copyRegion(Tensor from, Region region, Tensor to, int toY, int toX) {
            region(from, region, to, toY, toX, false);
        }

        @Override
        public void addRegion(Tensor from, Region region, Tensor to, int toY, int toX) {
            region(from, region, to, toY, toX, true);
        }

        private static void region(Tensor from, Region r, Tensor to, int toY, int toX, boolean add) {
            Shape a = from.shape();
            Shape b = to.shape();
            r.requireWithin(a, b, toY, toX);
            float[] out = ReferenceKernels.region(data(from), a.height(), a.width(), r.y(), r.x(), r.height(),
                    r.width(), data(to), a.channels(), b.height(), b.width(), toY, toX, add);
            System.arraycopy(out, 0, data(to), 0, out.length);
        }
    }
}
