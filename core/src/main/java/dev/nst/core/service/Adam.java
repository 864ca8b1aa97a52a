package dev.nst.core.service;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.port.out.OptimizerKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;

/**
 * Adam (Kingma & Ba, 2015) with bias-corrected moments: {@code x -= lr * m_hat / (sqrt(v_hat) + eps)}. The moments
 * start at zero in every stage: a stage's image has another size, so the previous moments do not fit it.
 */
final class Adam implements Optimizer {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final OptimizerKernels kernels;
    private final TensorScope scope;
    private final double learningRate;

    /** @param scope where the gradient and the moments are kept (the stage's) */
    Adam(OptimizerKernels kernels, TensorScope scope, double learningRate) {
        this.kernels = kernels;
        this.scope = scope;
        this.learningRate = learningRate;
    }

    @Override
    public void minimize(Tensor x, Objective objective, int iterations, Observer observer) {
        Tensor g = scope.zeros(x.shape());
        observer.observe(0, objective.evaluate(x, g), x);
        Tensor m = scope.zeros(x.shape());
        Tensor v = scope.zeros(x.shape());
        for (int k = 1; k <= iterations; k++) {
            kernels.adamStep(x, g, m, v, new OptimizerKernels.AdamStep(learningRate, BETA1, BETA2, EPSILON, k));
            LossBreakdown loss = objective.evaluate(x, g);
            observer.observe(k, loss, x);
        }
    }
}
