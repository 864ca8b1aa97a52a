package dev.nst.bench.torch2;

import ai.djl.ndarray.NDArray;
import dev.nst.core.domain.LossBreakdown;

/** A differentiable loss of the image being optimised. */
interface Objective {

    /** The loss terms at an image and the gradient of their sum; closing it frees the gradient. */
    record Evaluation(LossBreakdown loss, NDArray gradient) implements AutoCloseable {
        @Override
        public void close() {
            gradient.close();
        }
    }

    /** @param x the image, flattened; the gradient has its shape and belongs to its manager */
    Evaluation evaluate(NDArray x);
}
