package dev.nst.core.service;

import dev.nst.core.domain.VggLayer;

/** A loss term read at one layer of the network: a {@link ContentLoss} or a {@link StyleLoss}. */
interface LayerLoss {

    VggLayer layer();

    /** The factor the term's mean is multiplied by (its loss weight times its layer's weight), {@code > 0}. */
    double weight();
}
