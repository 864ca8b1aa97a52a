package dev.nst.core.service;

import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;

/** A loss term read at one layer of the network: a {@link ContentLoss} or a {@link StyleLoss}. */
interface LayerLoss {

    VggLayer layer();

    /** The factor the term's mean is multiplied by (its loss weight times its layer's weight), {@code > 0}. */
    double weight();

    /**
     * The weighted loss; accumulates its gradient with respect to the layer's activations into {@code gradient}
     * unless it is null.
     */
    double evaluate(LossKernels kernels, Tensor features, Tensor gradient);
}
