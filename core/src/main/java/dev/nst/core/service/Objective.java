package dev.nst.core.service;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.port.out.Tensor;

/** A differentiable function of the image. */
interface Objective {

    /** The loss at {@code x}; overwrites {@code gradient} with its gradient with respect to {@code x}. */
    LossBreakdown evaluate(Tensor x, Tensor gradient);
}
