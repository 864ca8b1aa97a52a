package dev.nst.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LbfgsTest {

    private final Vectors math = Vectors.reference();

    @Test
    void minimisesAnIllConditionedQuadraticFarFasterThanGradientDescent() {
        // given a 30-dimensional quadratic with curvatures from 1 to 100
        Quadratic quadratic = Quadratic.conditioned(math, 30, 100);
        Tensor x = math.zeros(quadratic.shape());
        int iterations = 40;

        // when
        new Lbfgs(math, math, 1, Lbfgs.DEFAULT_HISTORY).minimize(x, quadratic, iterations, (k, loss, at) -> { });

        // then it is at the minimum to single precision
        double error = quadratic.relativeError(Quadratic.toDouble(x.toArray()));
        assertThat(error).isLessThan(1e-4);
        // and gradient descent with its best fixed step needs many times the iterations to get as close (about 500)
        assertThat(gradientDescentIterationsToReach(quadratic, error)).isGreaterThan(8 * iterations);
    }

    @Test
    void followsTorchOptimLbfgsWithoutLineSearch() {
        // given a small quadratic and a history of 3, so that old pairs are dropped along the way
        Quadratic quadratic = Quadratic.conditioned(math, 8, 50);
        Tensor x = math.upload(quadratic.shape(), new float[] {1, -2, 3, -4, 5, -6, 7, -8});
        List<double[]> expected = torchLbfgs(quadratic::gradient, Quadratic.toDouble(x.toArray()), 0.7, 3, 12).points();

        new Lbfgs(math, math, 0.7, 3).minimize(x, quadratic, 12, (k, loss, at) -> { });

        assertThat(quadratic.evaluatedAt).hasSize(expected.size());
        for (int k = 0; k < expected.size(); k++) {
            double[] actual = Quadratic.toDouble(quadratic.evaluatedAt.get(k));
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).as("x[%d] at iteration %d", i, k).isCloseTo(expected.get(k)[i], within(1e-3));
            }
        }
    }

    @Test
    void followsTorchWhereNegativeCurvatureMakesItRefusePairs() {
        // given f(x) = sum of x^4/4 - x^2 + x/2 started near the hump at 0, where curvature is negative
        UnaryOperator<double[]> gradient = x -> {
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                g[i] = x[i] * x[i] * x[i] - 2 * x[i] + 0.5;
            }
            return g;
        };
        Smooth doubleWell = new Smooth(math, gradient);
        Tensor x = math.upload(new Shape(1, 1, 3), new float[] {0.1f, -0.2f, 0.05f});
        Trajectory torch = torchLbfgs(gradient, Quadratic.toDouble(x.toArray()), 0.25, 5, 40);
        List<double[]> expected = torch.points();
        assertThat(torch.skippedPairs()).as("pairs refused for negative curvature").isPositive();

        new Lbfgs(math, math, 0.25, 5).minimize(x, doubleWell, 40, (k, loss, at) -> { });

        for (int k = 0; k < expected.size(); k++) {
            double[] actual = Quadratic.toDouble(doubleWell.evaluatedAt.get(k));
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).as("x[%d] at iteration %d", i, k).isCloseTo(expected.get(k)[i], within(1e-3));
            }
        }
        for (double g : gradient.apply(Quadratic.toDouble(x.toArray()))) {
            assertThat(g).isCloseTo(0, within(1e-3));
        }
    }

    @Test
    void theFirstStepIsTheGradientScaledByOneOverItsL1NormTimesTheLearningRate() {
        Quadratic steep = new Quadratic(math, new double[] {1, 1}, new double[] {30, -10});
        Tensor x = math.zeros(steep.shape());

        new Lbfgs(math, math, 0.5, 10).minimize(x, steep, 1, (k, loss, at) -> { });

        // |g|_1 = 40, so the step is 0.5 / 40 * (30, -10)
        assertThat(steep.evaluatedAt.get(1)).containsExactly(new float[] {0.375f, -0.125f}, within(1e-6f));
    }

    @Test
    void aSmallFirstGradientIsNotScaledUp() {
        Quadratic flat = new Quadratic(math, new double[] {1, 1}, new double[] {0.3f, -0.1f});
        Tensor x = math.zeros(flat.shape());

        new Lbfgs(math, math, 0.5, 10).minimize(x, flat, 1, (k, loss, at) -> { });

        // |g|_1 = 0.4 < 1: the step is the learning rate times the gradient
        assertThat(flat.evaluatedAt.get(1)).containsExactly(new float[] {0.15f, -0.05f}, within(1e-6f));
    }

    @Test
    void nIterationsEvaluateNPlusOneTimesAndReportEachInOrder() {
        Quadratic quadratic = Quadratic.conditioned(math, 5, 10);
        Tensor x = math.zeros(quadratic.shape());
        List<Integer> iterations = new ArrayList<>();
        List<Double> losses = new ArrayList<>();

        new Lbfgs(math, math, 1, 10).minimize(x, quadratic, 7, (k, loss, at) -> {
            iterations.add(k);
            losses.add(loss.total());
            assertThat(at).isSameAs(x);
        });

        assertThat(iterations).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(quadratic.evaluatedAt).hasSize(8);
        for (int k = 0; k < 8; k++) {
            assertThat(losses.get(k)).isEqualTo(quadratic.value(Quadratic.toDouble(quadratic.evaluatedAt.get(k))));
        }
        assertThat(quadratic.evaluatedAt.get(7)).containsExactly(x.toArray());
    }

    @Test
    void zeroIterationsEvaluateTheStartOnceAndLeaveItAlone() {
        Quadratic quadratic = Quadratic.conditioned(math, 5, 10);
        Tensor x = math.upload(quadratic.shape(), new float[] {1, 2, 3, 4, 5});
        List<Integer> iterations = new ArrayList<>();

        new Lbfgs(math, math, 1, 10).minimize(x, quadratic, 0, (k, loss, at) -> iterations.add(k));

        assertThat(iterations).containsExactly(0);
        assertThat(quadratic.evaluatedAt).hasSize(1);
        assertThat(x.toArray()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aZeroGradientIsNoDescentDirectionSoTheHistoryIsDroppedWithoutNaN() {
        // given f = (x - c)^2 reached exactly at x = c = 2 on the third evaluation (0 -> 1 -> 2); from the fifth
        // evaluation on the minimum moves to c = 5, as if the objective had changed
        MovingParabola parabola = new MovingParabola(math, 4);
        Tensor x = math.zeros(new Shape(1, 1, 1));

        // when
        new Lbfgs(math, math, 1, 10).minimize(x, parabola, 20, (k, loss, at) -> assertThat(loss.total()).isNotNaN());

        // then with a zero gradient it stays put, with no NaN from the zero step and zero gradient change
        assertThat(parabola.evaluatedAt.subList(0, 5)).containsExactly(0f, 1f, 2f, 2f, 2f);
        // and having dropped its history it takes a plain steepest-descent step: 2 - 1 * 2 * (2 - 5) = 8
        // (with the old curvature pairs kept it would have jumped straight to 5)
        assertThat(parabola.evaluatedAt.get(5)).isEqualTo(8f);
        // and it still finds the new minimum
        assertThat(x.toArray()[0]).isCloseTo(5f, within(1e-4f));
    }

    @Test
    void theHistoryIsBoundedInMemoryAndInWorkPerIteration() {
        // given a history of 3 on a problem where every step adds a correction pair
        Vectors counting = math.counting();
        Quadratic quadratic = Quadratic.conditioned(counting, 20, 100);
        Tensor x = math.zeros(quadratic.shape());
        List<Integer> dotsPerIteration = new ArrayList<>();
        int[] dotsBefore = {0};

        // when
        new Lbfgs(counting, counting, 1, 3).minimize(x, quadratic, 60, (k, loss, at) -> {
            dotsPerIteration.add(counting.dots - dotsBefore[0]);
            dotsBefore[0] = counting.dots;
        });

        // then it holds g, g_old, d and at most 3 pairs plus the one being formed: 3 + 2 * (3 + 1) tensors
        assertThat(counting.allocated).hasSizeLessThanOrEqualTo(11);
        // and a step costs at most y.s, two dot products per pair, y.y and g.d: 1 + 2 * 3 + 1 + 1
        assertThat(dotsPerIteration).allSatisfy(dots -> assertThat(dots).isLessThanOrEqualTo(9)).contains(9);
        // and it still converges
        assertThat(quadratic.relativeError(Quadratic.toDouble(x.toArray()))).isLessThan(1e-3);
    }

    @Test
    void aLongHistoryKeepsEveryPairWhileItHasRoom() {
        Vectors counting = math.counting();
        Quadratic quadratic = Quadratic.conditioned(counting, 20, 100);

        new Lbfgs(counting, counting, 1, 100).minimize(math.zeros(quadratic.shape()), quadratic, 12, (k, loss, at) -> { });

        // one pair per step after the first: the counter above would notice an unbounded history
        assertThat(counting.allocated).hasSize(3 + 2 * 11);
    }

    // ---------------------------------------------------------------- references

    /** The points a run evaluated, and how many correction pairs it refused for lack of positive curvature. */
    private record Trajectory(List<double[]> points, int skippedPairs) {
    }

    /** Torch7 {@code optim.lbfgs} with no line search (as neural_style.lua uses it), transcribed in double. */
    private static Trajectory torchLbfgs(UnaryOperator<double[]> gradient, double[] x0, double learningRate,
                                         int nCorrection, int maxIter) {
        int skipped = 0;
        double[] x = x0.clone();
        double[] g = gradient.apply(x);
        List<double[]> points = new ArrayList<>(List.of(x.clone()));
        List<double[]> oldDirs = new ArrayList<>();
        List<double[]> oldStps = new ArrayList<>();
        double hDiag = 1;
        double[] d = null;
        double[] gOld = null;
        double t = 0;
        for (int nIter = 1; nIter <= maxIter; nIter++) {
            if (nIter == 1) {
                d = scaled(g, -1);
            } else {
                double[] y = plus(g, gOld, -1);
                double[] s = scaled(d, t);
                double ys = dot(y, s);
                if (ys > 1e-10) {
                    if (oldDirs.size() == nCorrection) {
                        oldDirs.remove(0);
                        oldStps.remove(0);
                    }
                    oldDirs.add(s);
                    oldStps.add(y);
                    hDiag = ys / dot(y, y);
                } else {
                    skipped++;
                }
                int k = oldDirs.size();
                double[] ro = new double[k];
                double[] al = new double[k];
                for (int i = 0; i < k; i++) {
                    ro[i] = 1 / dot(oldStps.get(i), oldDirs.get(i));
                }
                double[] q = scaled(g, -1);
                for (int i = k - 1; i >= 0; i--) {
                    al[i] = dot(oldDirs.get(i), q) * ro[i];
                    q = plus(q, oldStps.get(i), -al[i]);
                }
                double[] r = scaled(q, hDiag);
                for (int i = 0; i < k; i++) {
                    double be = dot(oldStps.get(i), r) * ro[i];
                    r = plus(r, oldDirs.get(i), al[i] - be);
                }
                d = r;
            }
            gOld = g.clone();
            t = nIter == 1 ? Math.min(1, 1 / sumAbs(g)) * learningRate : learningRate;
            x = plus(x, d, t);
            g = gradient.apply(x);
            points.add(x.clone());
        }
        return new Trajectory(points, skipped);
    }

    /** Steps of gradient descent with the optimal fixed step {@code 2 / (L + mu)} until within {@code error}. */
    private static int gradientDescentIterationsToReach(Quadratic quadratic, double error) {
        double largest = 0;
        double smallest = Double.MAX_VALUE;
        for (double a : quadratic.a) {
            largest = Math.max(largest, a);
            smallest = Math.min(smallest, a);
        }
        double step = 2 / (largest + smallest);
        double[] x = new double[quadratic.a.length];
        int iterations = 0;
        while (quadratic.relativeError(x) > error) {
            x = plus(x, quadratic.gradient(x), -step);
            iterations++;
        }
        return iterations;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double sumAbs(double[] a) {
        double sum = 0;
        for (double v : a) {
            sum += Math.abs(v);
        }
        return sum;
    }

    private static double[] scaled(double[] a, double alpha) {
        return plus(new double[a.length], a, alpha);
    }

    /** {@code a + alpha * b}. */
    private static double[] plus(double[] a, double[] b, double alpha) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + alpha * b[i];
        }
        return out;
    }

    // ---------------------------------------------------------------- objectives

    /** An objective given by its gradient; its value is not needed by L-BFGS without line search. */
    private static final class Smooth implements Objective {
        private final Vectors math;
        private final UnaryOperator<double[]> gradient;
        final List<float[]> evaluatedAt = new ArrayList<>();

        Smooth(Vectors math, UnaryOperator<double[]> gradient) {
            this.math = math;
            this.gradient = gradient;
        }

        @Override
        public LossBreakdown evaluate(Tensor x, Tensor g) {
            float[] xs = x.toArray();
            evaluatedAt.add(xs);
            double[] gs = gradient.apply(Quadratic.toDouble(xs));
            float[] out = new float[gs.length];
            for (int i = 0; i < gs.length; i++) {
                out[i] = (float) gs[i];
            }
            math.copy(math.upload(x.shape(), out), g);
            return new LossBreakdown(0, 0, 0);
        }
    }

    /** {@code (x - c)^2} in one dimension, with {@code c = 2} for the first evaluations and {@code 5} after. */
    private static final class MovingParabola implements Objective {
        private final Vectors math;
        private final int movesAt;
        final List<Float> evaluatedAt = new ArrayList<>();

        MovingParabola(Vectors math, int movesAt) {
            this.math = math;
            this.movesAt = movesAt;
        }

        @Override
        public LossBreakdown evaluate(Tensor x, Tensor g) {
            float at = x.toArray()[0];
            float c = evaluatedAt.size() < movesAt ? 2 : 5;
            evaluatedAt.add(at);
            math.copy(math.upload(x.shape(), new float[] {2 * (at - c)}), g);
            return new LossBreakdown((at - c) * (at - c), 0, 0);
        }
    }
}
