package dev.nst.cpu;

import static dev.nst.cpu.CpuOptimizerKernels.data;
import static dev.nst.cpu.CpuOptimizerKernels.requireSameSize;

import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;
import java.nio.FloatBuffer;

/**
 * {@link LossKernels} on off-heap buffers: Gram matrices and their gradients by SGEMM, the rest as loops on the
 * backend's threads. Temporaries (a symmetrised Gram gradient, position-weighted features) live in two buffers grown
 * to the largest size asked for and reused, never reallocated per call.
 */
final class CpuLossKernels implements LossKernels, AutoCloseable {

    private final Parallel parallel;
    private final Gemm gemm;
    private final CpuOptimizerKernels vectors;
    private final Scratch symmetric;
    private final Scratch weighted;

    CpuLossKernels(Parallel parallel, Gemm gemm, CpuOptimizerKernels vectors, CpuSession.CpuAllocation allocation) {
        this.parallel = parallel;
        this.gemm = gemm;
        this.vectors = vectors;
        this.symmetric = new Scratch(allocation, "a symmetrised Gram gradient");
        this.weighted = new Scratch(allocation, "position-weighted features");
    }

    @Override
    public void copy(Tensor from, Tensor to) {
        vectors.copy(from, to);
    }

    @Override
    public void zero(Tensor tensor) {
        vectors.zero(tensor);
    }

    /** {@code G (+)= scale * F diag(w) F^T}: one SGEMM, on {@code F diag(w)} (in scratch) when there are weights. */
    @Override
    public void gram(Tensor features, Tensor positionWeights, double scale, boolean accumulate, Tensor gram) {
        Shape s = features.shape();
        int c = s.channels();
        int n = s.intArea();
        requireGramOf(s, gram);
        FloatBuffer f = data(features);
        FloatBuffer right = positionWeights == null ? f : weightedColumns(f, c, n, positionWeights);
        gemm.sgemm(false, true, c, c, n, (float) scale, f, n, right, n, accumulate ? 1f : 0f, data(gram), c);
    }

    /** {@code dF += scale * (dG + dG^T) F diag(w)}: the symmetrised gradient in scratch, then one SGEMM. */
    @Override
    public void gramBackward(Tensor features, Tensor positionWeights, double scale, Tensor gramGradient,
                             Tensor featureGradient) {
        requireSameSize(features, featureGradient);
        Shape s = features.shape();
        int c = s.channels();
        int n = s.intArea();
        requireGramOf(s, gramGradient);
        FloatBuffer dg = data(gramGradient);
        FloatBuffer sym = symmetric.floats((long) c * c);
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
                sym.put(a * c + b, dg.get(a * c + b) + dg.get(b * c + a));
            }
        }
        FloatBuffer f = data(features);
        FloatBuffer right = positionWeights == null ? f : weightedColumns(f, c, n, positionWeights);
        gemm.sgemm(false, false, c, n, c, (float) scale, sym, c, right, n, 1f, data(featureGradient), n);
    }

    /** {@code F diag(w)} in scratch: every channel's row multiplied by the position weights. */
    private FloatBuffer weightedColumns(FloatBuffer f, int c, int n, Tensor positionWeights) {
        if (positionWeights.shape().size() != n) {
            throw new IllegalArgumentException("position weights of " + positionWeights.shape() + " for " + n
                    + " positions");
        }
        FloatBuffer w = data(positionWeights);
        FloatBuffer out = weighted.floats((long) c * n);
        parallel.forEach(c, row -> {
            int base = row * n;
            for (int p = 0; p < n; p++) {
                out.put(base + p, f.get(base + p) * w.get(p));
            }
        });
        return out;
    }

    @Override
    public double meanSquaredError(Tensor x, Tensor target, Tensor elementWeights, double count, double weight,
                                   Tensor gradient) {
        requireSameSize(x, target);
        FloatBuffer xs = data(x);
        FloatBuffer ts = data(target);
        FloatBuffer es = null;
        if (elementWeights != null) {
            requireSameSize(x, elementWeights);
            es = data(elementWeights);
        }
        FloatBuffer e = es;
        FloatBuffer g = gradient == null ? null : data(gradient);
        float scale = (float) (weight * 2.0 / count);
        double sum = parallel.sum(CpuTensor.of(x).size(), (from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                float d = xs.get(i) - ts.get(i);
                float wd = e == null ? d : e.get(i) * d;
                s += (double) wd * d;
                if (g != null) {
                    g.put(i, g.get(i) + scale * wd);
                }
            }
            return s;
        });
        return weight * sum / count;
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
    @Override
    public void copyRegion(Tensor from, Region region, Tensor to, int toY, int toX) {
        region(from, region, to, toY, toX, false);
    }

    @Override
    public void addRegion(Tensor from, Region region, Tensor to, int toY, int toX) {
        region(from, region, to, toY, toX, true);
    }

    /** Row by row, every channel: bulk copies, or adds. */
    private void region(Tensor from, Region r, Tensor to, int toY, int toX, boolean add) {
        Shape a = from.shape();
        Shape b = to.shape();
        r.requireWithin(a, b, toY, toX);
        FloatBuffer src = data(from);
        FloatBuffer dst = data(to);
        parallel.forEach(a.channels() * r.height(), task -> {
            int c = task / r.height();
            int y = task % r.height();
            int s = (c * a.height() + r.y() + y) * a.width() + r.x();
            int d = (c * b.height() + toY + y) * b.width() + toX;
            if (add) {
                for (int i = 0; i < r.width(); i++) {
                    dst.put(d + i, dst.get(d + i) + src.get(s + i));
                }
            } else {
                dst.put(d, src, s, r.width());
            }
        });
    }

    private static void requireGramOf(Shape features, Tensor gram) {
        if (gram.shape().size() != (long) features.channels() * features.channels()) {
            throw new IllegalArgumentException("a Gram matrix of " + features + " has " + features.gram() + ", not "
                    + gram.shape());
        }
    }

    @Override
    public void close() {
        symmetric.close();
        weighted.close();
    }

    /** Off-heap floats grown to the largest size asked for; contents are not kept between uses. */
    private static final class Scratch implements AutoCloseable {
        private final CpuSession.CpuAllocation allocation;
        private final String what;
        private Allocator.Block block;
        private long floats;

        Scratch(CpuSession.CpuAllocation allocation, String what) {
            this.allocation = allocation;
            this.what = what;
        }

        FloatBuffer floats(long count) {
            if (block == null || count > floats) {
                close();
                block = allocation.block(count, what);
                floats = count;
            }
            return block.buffer();
        }

        @Override
        public void close() {
            if (block != null) {
                block.free();
                block = null;
                floats = 0;
            }
        }
    }
}
