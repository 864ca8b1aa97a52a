package dev.nst.core.domain;

/**
 * The shape of a tensor: channels x height x width. Feature maps are {@code C x H x W}; a Gram matrix is
 * {@code 1 x C x C}; the image being optimised is {@code 3 x H x W}. Element counts are {@code long}: the first
 * activations of a 6000 x 6000 image already hold more than 2^31 values.
 */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("shape dimensions must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    /** Number of elements. */
    public long size() {
        return (long) channels * height * width;
    }

    /** Number of spatial positions. */
    public long area() {
        return (long) height * width;
    }

    /**
     * The number of elements as an {@code int}, for code that holds a tensor in one Java array or buffer.
     *
     * @throws IllegalArgumentException when there are more than {@link Integer#MAX_VALUE}; backends check their
     *                                  limits before allocating, so this is a programming error
     */
    public int intSize() {
        long n = size();
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a tensor of " + this + " has " + n + " elements, more than an int holds");
        }
        return (int) n;
    }

    /** As {@link #intSize()}, for the positions. */
    public int intArea() {
        long n = area();
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a tensor of " + this + " has " + n + " positions, more than an int holds");
        }
        return (int) n;
    }

    /** The shape of the Gram matrix of a feature map of this shape. */
    public Shape gram() {
        return new Shape(1, channels, channels);
    }

    /** The shape of one weight per position: {@code 1 x H x W}. */
    public Shape positions() {
        return new Shape(1, height, width);
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
