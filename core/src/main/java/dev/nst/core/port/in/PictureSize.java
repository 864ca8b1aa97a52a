package dev.nst.core.port.in;

/** The width and height of a picture, in pixels, as it stands upright: what a plan needs of it. */
public record PictureSize(int width, int height) {

    public PictureSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("picture dimensions must be positive, got " + width + "x" + height);
        }
    }

    /** The size once resized so that the longer side is {@code longestSide} (aspect kept, as pictures are resized). */
    public PictureSize atLongestSide(int longestSide) {
        int[] size = dev.nst.core.domain.RgbImage.sizeAtLongestSide(width, height, longestSide);
        return new PictureSize(size[0], size[1]);
    }

    public long pixels() {
        return (long) width * height;
    }
}
