package dev.nst.core.service;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code f(x) = 0.5 x^T A x - b^T x} with diagonal {@code A}, minimised at {@code x* = b / a}. Remembers every point
 * it was evaluated at.
 */
final class Quadratic implements Objective {

    final double[] a;
    final double[] b;
    private final Vectors math;
    final List<float[]> evaluatedAt = new ArrayList<>();

    Quadratic(Vectors math, double[] a, double[] b) {
        this.math = math;
        this.a = a.clone();
        this.b = b.clone();
    }

    /** {@code n} curvatures spread evenly on a log scale from 1 to {@code condition}, and a fixed {@code b}. */
    static Quadratic conditioned(Vectors math, int n, double condition) {
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.pow(condition, i / (n - 1.0));
            b[i] = 10 * Math.sin(i + 1.0) * a[i];
        }
        return new Quadratic(math, a, b);
    }

    Shape shape() {
        return new Shape(1, 1, a.length);
    }

    double[] minimum() {
        double[] x = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            x[i] = b[i] / a[i];
        }
        return x;
    }

    double value(double[] x) {
        double f = 0;
        for (int i = 0; i < a.length; i++) {
            f += 0.5 * a[i] * x[i] * x[i] - b[i] * x[i];
        }
        return f;
    }

    double[] gradient(double[] x) {
        double[] g = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            g[i] = a[i] * x[i] - b[i];
        }
        return g;
    }

    /** {@code |x - x*| / |x*|}. */
    double relativeError(double[] x) {
        double[] min = minimum();
        double err = 0;
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            err += (x[i] - min[i]) * (x[i] - min[i]);
            norm += min[i] * min[i];
        }
        return Math.sqrt(err / norm);
    }

    @Override
    public LossBreakdown evaluate(Tensor x, Tensor gradient) {
        float[] xs = x.toArray();
        evaluatedAt.add(xs);
        double[] g = gradient(toDouble(xs));
        float[] gs = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            gs[i] = (float) g[i];
        }
        math.copy(math.upload(shape(), gs), gradient);
        return new LossBreakdown(value(toDouble(xs)), 0, 0);
    }

    static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
