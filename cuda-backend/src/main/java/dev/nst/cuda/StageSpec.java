package dev.nst.cuda;

import dev.nst.core.domain.Shape;
import dev.nst.core.domain.VggLayer;

/**
 * One step of the network as the GPU runs it.
 *
 * @param kind                 what it computes
 * @param layer                the layer whose activation it produces (the ReLU's, for a convolution with its ReLU)
 * @param convolution          the convolution it runs ({@code null} for ReLU and pooling steps)
 * @param reluInPlace          a convolution followed by its ReLU, applied in place on the convolution's output
 *                             (possible because the convolution's own output is not requested)
 * @param input                the shape it reads
 * @param output               the shape it writes
 * @param clearsInputGradient  its backward pass leaves part of the input gradient unwritten (a pooling over an odd
 *                             height or width drops the last row or column), so that gradient is zeroed first
 */
public record StageSpec(Kind kind, VggLayer layer, VggLayer convolution, boolean reluInPlace, Shape input, Shape output,
                        boolean clearsInputGradient) {

    public enum Kind { CONV, RELU, POOL }
}
