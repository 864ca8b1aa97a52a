package dev.nst.core.domain;

import java.util.Arrays;

/**
 * An RGB picture held as three planes (red, green, blue) of {@code float} samples in 0..255. Immutable.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final float[] planes;

    private RgbImage(int width, int height, float[] planes) {
        this.width = width;
        this.height = height;
        this.planes = planes;
    }

    /**
     * @param planes {@code 3 * width * height} samples: the red plane, then green, then blue, rows top to bottom
     */
    public static RgbImage ofPlanes(int width, int height, float[] planes) {
        if (width <= 0 || height <= 0) {
            throw new InvalidInputException("image dimensions must be positive, got " + width + "x" + height);
        }
        if (planes.length != 3L * width * height) {
            throw new IllegalArgumentException("expected " + 3L * width * height + " samples, got " + planes.length);
        }
        return new RgbImage(width, height, planes.clone());
    }

    /** An image from packed {@code 0xRRGGBB} pixels, row by row. */
    public static RgbImage ofPackedRgb(int width, int height, int[] rgb) {
        int n = width * height;
        if (rgb.length != n) {
            throw new IllegalArgumentException("expected " + n + " pixels, got " + rgb.length);
        }
        float[] planes = new float[3 * n];
        for (int i = 0; i < n; i++) {
            int p = rgb[i];
            planes[i] = (p >> 16) & 0xff;
            planes[n + i] = (p >> 8) & 0xff;
            planes[2 * n + i] = p & 0xff;
        }
        return new RgbImage(width, height, planes);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int longestSide() {
        return Math.max(width, height);
    }

    /** Sample of channel {@code c} (0 red, 1 green, 2 blue) at column {@code x}, row {@code y}. */
    public float sample(int c, int x, int y) {
        return planes[(c * height + y) * width + x];
    }

    /** A copy of the planes. */
    public float[] planes() {
        return planes.clone();
    }

    /** Packed {@code 0xRRGGBB} pixels, each sample clamped to 0..255 and rounded to the nearest integer. */
    public int[] toPackedRgb() {
        int n = width * height;
        int[] rgb = new int[n];
        for (int i = 0; i < n; i++) {
            rgb[i] = (to8Bit(planes[i]) << 16) | (to8Bit(planes[n + i]) << 8) | to8Bit(planes[2 * n + i]);
        }
        return rgb;
    }

    private static int to8Bit(float v) {
        return (int) Math.round(Math.min(255.0, Math.max(0.0, v)));
    }

    /**
     * Resizes so that the longer side is {@code longestSide}, keeping the aspect ratio (the shorter side rounds to
     * the nearest pixel, at least 1). An image already that size is returned unchanged.
     */
    public RgbImage resizeLongestSide(int longestSide) {
        if (longestSide == longestSide()) {
            return this;
        }
        int[] size = sizeAtLongestSide(longestSide);
        return resize(size[0], size[1]);
    }

    /**
     * The {@code {width, height}} {@link #resizeLongestSide} would give, without resizing: the longer side becomes
     * {@code longestSide}, the shorter one keeps the aspect ratio, rounded to the nearest pixel and at least 1.
     */
    public int[] sizeAtLongestSide(int longestSide) {
        if (longestSide <= 0) {
            throw new InvalidInputException("size must be positive, got " + longestSide);
        }
        if (longestSide == longestSide()) {
            return new int[] {width, height};
        }
        double scale = (double) longestSide / longestSide();
        int w = width >= height ? longestSide : (int) Math.max(1, Math.round(width * scale));
        int h = height > width ? longestSide : (int) Math.max(1, Math.round(height * scale));
        return new int[] {w, h};
    }

    /** Resizes to exactly {@code newWidth x newHeight} with an antialiased bicubic filter. */
    public RgbImage resize(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        return new RgbImage(newWidth, newHeight, Resampler.resize(planes, 3, width, height, newWidth, newHeight));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other && width == other.width && height == other.height
                && Arrays.equals(planes, other.planes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(planes);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
