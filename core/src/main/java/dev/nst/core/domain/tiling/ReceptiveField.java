package dev.nst.core.domain.tiling;

import dev.nst.core.domain.VggLayer;

/**
 * How much of the image a layer's features read. VGG19's convolutions are 3x3 with a padding of 1 and its poolings
 * 2x2 with a stride of 2, so feature {@code j} of a layer with {@code stride} {@code s} (2 to the number of poolings
 * before it) reads the pixels {@code s*j - before .. s*j + s - 1 + after} along each axis: the {@code s} pixels of its
 * own cell and {@code before} and {@code after} more on either side. A tile whose halo is that wide computes its
 * interior's features exactly as the whole image does.
 *
 * @param stride the layer's downsampling factor, {@code 2^poolings}
 * @param before pixels read before a feature's own cell (left, or above)
 * @param after  pixels read after it (right, or below)
 */
public record ReceptiveField(int stride, int before, int after) {

    /** A single pixel: what the image itself "reads". */
    public static final ReceptiveField PIXEL = new ReceptiveField(1, 0, 0);

    /** The field of {@code layer}'s features, following the network from {@code conv1_1}. */
    public static ReceptiveField of(VggLayer layer) {
        // feature j reads pixels stride*j + first .. stride*j + last
        int stride = 1;
        int first = 0;
        int last = 0;
        for (VggLayer step : VggLayer.upTo(layer)) {
            switch (step.kind()) {
                case CONV -> {
                    first -= stride;
                    last += stride;
                }
                case POOL -> {
                    last += stride;
                    stride *= 2;
                }
                case RELU -> {
                }
            }
        }
        return new ReceptiveField(stride, -first, last - (stride - 1));
    }

    /** The field of the deepest of {@code layers}, which covers the others'. */
    public static ReceptiveField ofDeepest(java.util.Collection<VggLayer> layers) {
        return of(VggLayer.deepest(layers));
    }

    /** The width in pixels one feature reads. */
    public int size() {
        return before + stride + after;
    }
}
