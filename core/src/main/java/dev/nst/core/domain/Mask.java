package dev.nst.core.domain;

import dev.nst.core.domain.color.Yuv;
import java.util.Arrays;

/**
 * Where a loss applies: one weight per position, 0 (not here) to 1 (here). Made from a greyscale picture
 * ({@link #fromPicture}); brought to a layer's grid by the same 2x2 stride-2 average poolings as precede the layer
 * ({@link #atLayer}). Immutable.
 */
public final class Mask {

    private final int width;
    private final int height;
    private final float[] weights;

    private Mask(int width, int height, float[] weights) {
        this.width = width;
        this.height = height;
        this.weights = weights;
    }

    /** @param weights {@code width * height} values in 0..1, rows top to bottom */
    public static Mask of(int width, int height, float[] weights) {
        if (width <= 0 || height <= 0 || weights.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " weights, got " + weights.length);
        }
        for (float w : weights) {
            if (!(w >= 0 && w <= 1)) {
                throw new IllegalArgumentException("mask weights must lie in 0..1, got " + w);
            }
        }
        return new Mask(width, height, weights.clone());
    }

    /**
     * The mask a picture paints at {@code width x height}: the picture is resized to that size (ignoring its aspect
     * ratio), and each position's weight is its luma ({@link Yuv}) over 255, clamped to 0..1: white is 1, black 0.
     * Weights within {@value #SNAP} of 0 or 1 (resampling's rounding, far below one level of a 16-bit picture) are
     * made exactly 0 or 1, so that a white picture is a mask of exact ones.
     */
    public static Mask fromPicture(RgbImage picture, int width, int height) {
        float[] luma = Yuv.luma(picture.resize(width, height));
        for (int i = 0; i < luma.length; i++) {
            float w = luma[i] / 255f;
            luma[i] = w < SNAP ? 0f : w > 1 - SNAP ? 1f : w;
        }
        return new Mask(width, height, luma);
    }

    /** How close to 0 or 1 a weight made from a picture is taken as exactly 0 or 1. */
    static final float SNAP = 1e-6f;

    /** Whether a picture would make a mask that is 0 everywhere (no pixel brighter than half an 8-bit level). */
    public static boolean isBlack(RgbImage picture) {
        for (float y : Yuv.luma(picture)) {
            if (y >= 0.5f) {
                return false;
            }
        }
        return true;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A copy of the weights. */
    public float[] weights() {
        return weights.clone();
    }

    /** The weights squared, position by position. */
    public float[] squaredWeights() {
        float[] out = new float[weights.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = weights[i] * weights[i];
        }
        return out;
    }

    /** The sum of the weights, in double precision. */
    public double sum() {
        double sum = 0;
        for (float w : weights) {
            sum += w;
        }
        return sum;
    }

    /**
     * One 2x2 stride-2 average pooling: {@code floor(height/2) x floor(width/2)}, an odd last row or column dropped, as
     * the network pools.
     *
     * @throws IllegalStateException if nothing would be left
     */
    public Mask averagePooled() {
        int w = width / 2;
        int h = height / 2;
        if (w == 0 || h == 0) {
            throw new IllegalStateException("a " + width + "x" + height + " mask cannot be pooled");
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 2 * y * width + 2 * x;
                out[y * w + x] = (weights[i] + weights[i + 1] + weights[i + width] + weights[i + width + 1]) / 4f;
            }
        }
        return new Mask(w, h, out);
    }

    /** The mask at {@code layer}'s grid: as many {@link #averagePooled} steps as poolings precede the layer. */
    public Mask atLayer(VggLayer layer) {
        Mask mask = this;
        for (int i = 0; i < layer.poolingsBefore(); i++) {
            mask = mask.averagePooled();
        }
        return mask;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask other && width == other.width && height == other.height
                && Arrays.equals(weights, other.weights);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "Mask[" + width + "x" + height + "]";
    }
}
