package dev.nst.core.domain;

/**
 * The shape of a tensor: channels x height x width. Feature maps are {@code C x H x W}; a Gram matrix is
 * {@code 1 x C x C}; the image being optimised is {@code 3 x H x W}.
 */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("shape dimensions must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    /** Number of elements. */
    public int size() {
        long n = (long) channels * height * width;
        if (n > Integer.MAX_VALUE) {
            throw new InvalidInputException("tensor of " + this + " is too large");
        }
        return (int) n;
    }

    /** Number of spatial positions. */
    public int area() {
        return height * width;
    }

    /** The shape of the Gram matrix of a feature map of this shape. */
    public Shape gram() {
        return new Shape(1, channels, channels);
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
