package dev.nst.cpu;

import dev.nst.core.port.out.OptimizerKernels;
import dev.nst.core.port.out.Tensor;
import java.nio.FloatBuffer;

/**
 * {@link OptimizerKernels} on off-heap buffers: element-wise loops on the backend's threads; reductions accumulate
 * in double and add their chunks in order, so results do not depend on the thread count.
 */
final class CpuOptimizerKernels implements OptimizerKernels {

    private static final float[] ZEROS = new float[Parallel.CHUNK];

    private final Parallel parallel;

    CpuOptimizerKernels(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void copy(Tensor from, Tensor to) {
        FloatBuffer src = data(from);
        FloatBuffer dst = data(to);
        requireSameSize(from, to);
        parallel.forRange(dst.capacity(), (a, b) -> dst.put(a, src, a, b - a));
    }

    @Override
    public void zero(Tensor tensor) {
        FloatBuffer x = data(tensor);
        parallel.forRange(CpuTensor.of(tensor).size(), (a, b) -> x.put(a, ZEROS, 0, b - a));
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        FloatBuffer x = data(a);
        FloatBuffer y = data(b);
        requireSameSize(a, b);
        return parallel.sum(CpuTensor.of(a).size(), (from, to) -> {
            double s0 = 0;
            double s1 = 0;
            int i = from;
            for (; i + 1 < to; i += 2) {
                s0 += (double) x.get(i) * y.get(i);
                s1 += (double) x.get(i + 1) * y.get(i + 1);
            }
            for (; i < to; i++) {
                s0 += (double) x.get(i) * y.get(i);
            }
            return s0 + s1;
        });
    }

    @Override
    public double sumAbs(Tensor a) {
        FloatBuffer x = data(a);
        return parallel.sum(CpuTensor.of(a).size(), (from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += Math.abs(x.get(i));
            }
            return s;
        });
    }

    @Override
    public void axpy(double alpha, Tensor x, Tensor y) {
        FloatBuffer xs = data(x);
        FloatBuffer ys = data(y);
        requireSameSize(x, y);
        float a = (float) alpha;
        parallel.forRange(CpuTensor.of(y).size(), (from, to) -> {
            for (int i = from; i < to; i++) {
                ys.put(i, ys.get(i) + a * xs.get(i));
            }
        });
    }

    @Override
    public void scale(Tensor x, double alpha) {
        FloatBuffer xs = data(x);
        float a = (float) alpha;
        parallel.forRange(CpuTensor.of(x).size(), (from, to) -> {
            for (int i = from; i < to; i++) {
                xs.put(i, xs.get(i) * a);
            }
        });
    }

    @Override
    public void adamStep(Tensor x, Tensor gradient, Tensor m, Tensor v, AdamStep step) {
        FloatBuffer xs = data(x);
        FloatBuffer g = data(gradient);
        FloatBuffer ms = data(m);
        FloatBuffer vs = data(v);
        float beta1 = (float) step.beta1();
        float beta2 = (float) step.beta2();
        double c1 = 1 - Math.pow(step.beta1(), step.t());
        double c2 = 1 - Math.pow(step.beta2(), step.t());
        float stepSize = (float) (step.learningRate() / c1);
        float rootC2 = (float) Math.sqrt(c2);
        float epsilon = (float) step.epsilon();
        parallel.forRange(CpuTensor.of(x).size(), (from, to) -> {
            for (int i = from; i < to; i++) {
                float gi = g.get(i);
                float mi = beta1 * ms.get(i) + (1 - beta1) * gi;
                float vi = beta2 * vs.get(i) + (1 - beta2) * gi * gi;
                ms.put(i, mi);
                vs.put(i, vi);
                xs.put(i, xs.get(i) - stepSize * mi / ((float) Math.sqrt(vi) / rootC2 + epsilon));
            }
        });
    }
    static FloatBuffer data(Tensor tensor) {
        return CpuTensor.of(tensor).data();
    }

    static void requireSameSize(Tensor a, Tensor b) {
        if (a.shape().size() != b.shape().size()) {
            throw new IllegalArgumentException("tensor sizes differ: " + a.shape() + " and " + b.shape());
        }
    }
}
