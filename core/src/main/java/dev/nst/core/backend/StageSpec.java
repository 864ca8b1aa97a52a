package dev.nst.core.backend;

import dev.nst.core.domain.Shape;
import dev.nst.core.domain.VggLayer;

/**
 * One step of the network as a backend runs it.
 *
 * @param kind                what it computes
 * @param layer               the layer whose activation it produces (the ReLU's, for a convolution with its ReLU)
 * @param convolution         the convolution it runs ({@code null} for ReLU and pooling steps)
 * @param fusedRelu           a convolution followed by its ReLU in the same step (fused into the convolution, or
 *                            applied in place on its output), possible because the convolution's own output is not
 *                            requested
 * @param input               the shape it reads
 * @param output              the shape it writes
 * @param clearsInputGradient its backward pass leaves part of the input gradient unwritten (a pooling over an odd
 *                            height or width drops the last row or column), so that gradient is zeroed first
 */
public record StageSpec(Kind kind, VggLayer layer, VggLayer convolution, boolean fusedRelu, Shape input, Shape output,
                        boolean clearsInputGradient) {

    public enum Kind { CONV, RELU, POOL }
}
