package dev.nst.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.port.out.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {

    private final Vectors math = Vectors.reference();

    @Test
    void theFirstStepMovesEachCoordinateByTheLearningRateAgainstItsGradientSign() {
        // given gradients of very different sizes: m_hat = g and sqrt(v_hat) = |g| after one step
        Quadratic quadratic = new Quadratic(math, new double[] {1, 1, 1, 1}, new double[] {-300, 2, -0.01, 1e-3});
        Tensor x = math.zeros(quadratic.shape());

        new Adam(math, math, 0.5).minimize(x, quadratic, 1, (k, loss, at) -> { });

        assertThat(x.toArray()).containsExactly(new float[] {-0.5f, 0.5f, -0.5f, 0.5f}, within(1e-5f));
    }

    @Test
    void epsilonIsAddedToTheBiasCorrectedRootAsInThePaper() {
        // given a gradient of 1e-8, the size of epsilon: the paper's form gives a step of lr * g / (|g| + eps) = lr / 2
        // (Torch's optim.adam, which adds epsilon before the bias correction, would give about lr / 33)
        Quadratic tiny = new Quadratic(math, new double[] {1}, new double[] {-1e-8});
        Tensor x = math.zeros(tiny.shape());

        new Adam(math, math, 1).minimize(x, tiny, 1, (k, loss, at) -> { });

        assertThat(x.toArray()[0]).isCloseTo(-0.5f, within(1e-3f));
    }

    @Test
    void theSecondStepMatchesTheClosedFormWithBiasCorrectedMoments() {
        Quadratic quadratic = new Quadratic(math, new double[] {1, 4, 0.5}, new double[] {3, -2, 1});
        Tensor x = math.upload(quadratic.shape(), new float[] {1, 1, -1});
        double lr = 0.3;

        new Adam(math, math, lr).minimize(x, quadratic, 2, (k, loss, at) -> { });

        double[] x0 = Quadratic.toDouble(quadratic.evaluatedAt.get(0));
        double[] g0 = quadratic.gradient(x0);
        double[] x1 = Quadratic.toDouble(quadratic.evaluatedAt.get(1));
        double[] g1 = quadratic.gradient(x1);
        for (int i = 0; i < 3; i++) {
            assertThat(x1[i]).isCloseTo(x0[i] - lr * Math.signum(g0[i]), within(1e-6));
            double m = 0.9 * (0.1 * g0[i]) + 0.1 * g1[i];
            double v = 0.999 * (0.001 * g0[i] * g0[i]) + 0.001 * g1[i] * g1[i];
            double mHat = m / (1 - 0.9 * 0.9);
            double vHat = v / (1 - 0.999 * 0.999);
            double x2 = x1[i] - lr * mHat / (Math.sqrt(vHat) + 1e-8);
            assertThat((double) x.toArray()[i]).as("x[%d] after two steps", i).isCloseTo(x2, within(1e-5));
        }
    }

    @Test
    void aConstantGradientMovesEveryCoordinateByExactlyTheLearningRatePerStep() {
        // a linear objective: bias correction makes m_hat = g and v_hat = g^2 at every step
        Quadratic linear = new Quadratic(math, new double[] {0, 0}, new double[] {5, -0.02});
        Tensor x = math.zeros(linear.shape());

        new Adam(math, math, 2).minimize(x, linear, 10, (k, loss, at) -> { });

        assertThat(x.toArray()).containsExactly(new float[] {20, -20}, within(1e-3f));
    }

    @Test
    void minimisesAQuadratic() {
        Quadratic quadratic = Quadratic.conditioned(math, 10, 10);
        Tensor x = math.zeros(quadratic.shape());
        List<Double> losses = new ArrayList<>();

        new Adam(math, math, 1).minimize(x, quadratic, 200, (k, loss, at) -> losses.add(loss.total()));

        double start = losses.get(0);
        double best = quadratic.value(quadratic.minimum());
        assertThat(losses.get(200) - best).isLessThan(1e-3 * (start - best));
    }

    @Test
    void nIterationsEvaluateNPlusOneTimesAndReportEachInOrder() {
        Quadratic quadratic = Quadratic.conditioned(math, 5, 10);
        Tensor x = math.zeros(quadratic.shape());
        List<Integer> iterations = new ArrayList<>();
        List<Double> losses = new ArrayList<>();

        new Adam(math, math, 0.1).minimize(x, quadratic, 4, (k, loss, at) -> {
            iterations.add(k);
            losses.add(loss.total());
            assertThat(at).isSameAs(x);
        });

        assertThat(iterations).containsExactly(0, 1, 2, 3, 4);
        assertThat(quadratic.evaluatedAt).hasSize(5);
        for (int k = 0; k < 5; k++) {
            assertThat(losses.get(k)).isEqualTo(quadratic.value(Quadratic.toDouble(quadratic.evaluatedAt.get(k))));
        }
        assertThat(quadratic.evaluatedAt.get(4)).containsExactly(x.toArray());
    }

    @Test
    void zeroIterationsEvaluateTheStartOnceAndLeaveItAlone() {
        Quadratic quadratic = Quadratic.conditioned(math, 3, 10);
        Tensor x = math.upload(quadratic.shape(), new float[] {1, 2, 3});
        List<Integer> iterations = new ArrayList<>();

        new Adam(math, math, 10).minimize(x, quadratic, 0, (k, loss, at) -> iterations.add(k));

        assertThat(iterations).containsExactly(0);
        assertThat(quadratic.evaluatedAt).hasSize(1);
        assertThat(x.toArray()).containsExactly(1, 2, 3);
    }
}
