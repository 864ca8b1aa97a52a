package dev.nst.bench.torch2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * nst's Adam ({@code dev.nst.core.service.Adam} with the CPU backend's step) on libtorch arrays: bias-corrected
 * moments, {@code x -= (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)}, moments starting at zero.
 */
final class Adam implements Optimizer {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final double learningRate;

    /** @param learningRate in the network's input units (nst converts its pixel-level rate so) */
    Adam(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void minimize(NDArray x, Objective objective, int iterations, Observer observer) {
        Objective.Evaluation evaluation = objective.evaluate(x);
        observer.observe(0, evaluation.loss());
        try (NDArray m = x.zerosLike(); NDArray v = x.zerosLike()) {
            for (int k = 1; k <= iterations; k++) {
                step(x, evaluation.gradient(), m, v, k);
                evaluation.close();
                evaluation = objective.evaluate(x);
                observer.observe(k, evaluation.loss());
            }
        } finally {
            evaluation.close();
        }
    }

    private void step(NDArray x, NDArray g, NDArray m, NDArray v, int t) {
        double stepSize = learningRate / (1 - Math.pow(BETA1, t));
        double rootC2 = Math.sqrt(1 - Math.pow(BETA2, t));
        try (NDScope temporaries = new NDScope()) {
            m.muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
            v.muli((float) BETA2).addi(g.square().muli((float) (1 - BETA2)));
            NDArray denominator = v.sqrt().divi((float) rootC2).addi((float) EPSILON);
            x.subi(m.mul((float) stepSize).divi(denominator));
        }
    }
}
