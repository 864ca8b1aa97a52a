package dev.nst.core.service;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorMath;

/** Adam (Kingma & Ba, 2015) with bias-corrected moments: {@code x -= lr * m_hat / (sqrt(v_hat) + eps)}. */
final class Adam implements Optimizer {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final TensorMath math;
    private final double learningRate;

    Adam(TensorMath math, double learningRate) {
        this.math = math;
        this.learningRate = learningRate;
    }

    @Override
    public void minimize(Tensor x, Objective objective, int iterations, Observer observer) {
        Tensor g = math.zeros(x.shape());
        observer.observe(0, objective.evaluate(x, g), x);
        Tensor m = math.zeros(x.shape());
        Tensor v = math.zeros(x.shape());
        for (int k = 1; k <= iterations; k++) {
            math.adamStep(x, g, m, v, new TensorMath.AdamStep(learningRate, BETA1, BETA2, EPSILON, k));
            LossBreakdown loss = objective.evaluate(x, g);
            observer.observe(k, loss, x);
        }
    }
}
