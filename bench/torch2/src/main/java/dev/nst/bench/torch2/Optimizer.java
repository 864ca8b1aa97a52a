package dev.nst.bench.torch2;

import ai.djl.ndarray.NDArray;
import dev.nst.core.domain.LossBreakdown;

/** Minimises an objective in place, one objective evaluation per iteration, as nst's optimisers do. */
interface Optimizer {

    /** Hears iteration {@code iteration} (from 0, the initial image) once it has been evaluated. */
    @FunctionalInterface
    interface Observer {
        void observe(int iteration, LossBreakdown loss);
    }

    /** Evaluates {@code x}, then takes {@code iterations} steps, each followed by an evaluation. */
    void minimize(NDArray x, Objective objective, int iterations, Observer observer);
}
