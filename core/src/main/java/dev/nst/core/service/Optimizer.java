package dev.nst.core.service;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.port.out.Tensor;

/**
 * Minimises an objective in place. Iteration {@code k} is the evaluation of the image after {@code k} steps, so a run
 * of {@code n} iterations evaluates {@code n + 1} times (iteration 0 is the initial image) and takes {@code n} steps.
 */
interface Optimizer {

    void minimize(Tensor x, Objective objective, int iterations, Observer observer);

    /** Sees every evaluated iteration; may throw to stop the run. */
    @FunctionalInterface
    interface Observer {
        void observe(int iteration, LossBreakdown loss, Tensor x);
    }
}
