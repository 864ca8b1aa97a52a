package dev.nst.cpu;

import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorMath;
import java.nio.FloatBuffer;

/** {@link TensorMath} on off-heap buffers: element-wise loops on the backend's threads, Gram products by SGEMM. */
final class CpuMath implements TensorMath {

    private static final float[] ZEROS = new float[Parallel.CHUNK];

    private final CpuSession session;
    private final Parallel parallel;
    private final Gemm gemm;

    CpuMath(CpuSession session, Parallel parallel, Gemm gemm) {
        this.session = session;
        this.parallel = parallel;
        this.gemm = gemm;
    }

    @Override
    public Tensor upload(Shape shape, float[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values for a tensor of " + shape);
        }
        CpuTensor tensor = session.allocate(shape);
        tensor.data().put(0, values);
        return tensor;
    }

    @Override
    public Tensor zeros(Shape shape) {
        return session.allocate(shape);
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

    @Override
    public void gram(Tensor features, Tensor gram) {
        Shape s = features.shape();
        int c = s.channels();
        int n = s.area();
        gemm.sgemm(false, true, c, c, n, (float) (1.0 / ((double) c * n)), data(features), n, data(features), n,
                0f, data(gram), c);
    }

    @Override
    public double meanSquaredError(Tensor x, Tensor target, double weight, Tensor gradient) {
        FloatBuffer xs = data(x);
        FloatBuffer ts = data(target);
        requireSameSize(x, target);
        int n = CpuTensor.of(x).size();
        FloatBuffer g = gradient == null ? null : data(gradient);
        float scale = (float) (weight * 2.0 / n);
        double sum = parallel.sum(n, (from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                float d = xs.get(i) - ts.get(i);
                s += (double) d * d;
                if (g != null) {
                    g.put(i, g.get(i) + scale * d);
                }
            }
            return s;
        });
        return weight * sum / n;
    }

    @Override
    public void gramBackward(Tensor features, Tensor gramGradient, Tensor featureGradient) {
        Shape s = features.shape();
        int c = s.channels();
        int n = s.area();
        try (CpuTensor symmetric = session.allocate(s.gram())) {
            FloatBuffer dg = data(gramGradient);
            FloatBuffer sym = symmetric.data();
            for (int a = 0; a < c; a++) {
                for (int b = 0; b < c; b++) {
                    sym.put(a * c + b, dg.get(a * c + b) + dg.get(b * c + a));
                }
            }
            gemm.sgemm(false, false, c, n, c, (float) (1.0 / ((double) c * n)), sym, c, data(features), n,
                    1f, data(featureGradient), n);
        }
    }

    @Override
    public double totalVariation(Tensor image, double weight, Tensor gradient) {
        Shape s = image.shape();
        int h = s.height();
        int w = s.width();
        FloatBuffer x = data(image);
        FloatBuffer g = gradient == null ? null : data(gradient);
        float wf = (float) weight;
        int rows = s.channels() * h;
        double[] partial = new double[rows];
        parallel.forEach(rows, row -> {
            int y = row % h;
            int base = row * w;
            double sum = 0;
            for (int xx = 0; xx < w; xx++) {
                int p = base + xx;
                float v = x.get(p);
                float grad = 0;
                if (xx + 1 < w) {
                    float d = x.get(p + 1) - v;
                    sum += (double) d * d;
                    grad -= d;
                }
                if (xx > 0) {
                    grad += v - x.get(p - 1);
                }
                if (y + 1 < h) {
                    float d = x.get(p + w) - v;
                    sum += (double) d * d;
                    grad -= d;
                }
                if (y > 0) {
                    grad += v - x.get(p - w);
                }
                if (g != null) {
                    g.put(p, g.get(p) + wf * grad);
                }
            }
            partial[row] = sum;
        });
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return weight / 2 * total;
    }

    private static FloatBuffer data(Tensor tensor) {
        return CpuTensor.of(tensor).data();
    }

    private static void requireSameSize(Tensor a, Tensor b) {
        if (a.shape().size() != b.shape().size()) {
            throw new IllegalArgumentException("tensor sizes differ: " + a.shape() + " and " + b.shape());
        }
    }
}
