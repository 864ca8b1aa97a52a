package dev.nst.core.domain;

import java.util.Arrays;

/**
 * An sRGB picture held as three planes (red, green, blue) of {@code float} samples in 0..255, fractions kept (a 16-bit
 * source keeps its precision), and optionally its opacity as a fourth plane (0 transparent .. 255 opaque). The colour
 * of a transparent pixel is what the picture shows over white. Immutable.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final float[] planes;
    private final float[] alpha;

    private RgbImage(int width, int height, float[] planes, float[] alpha) {
        this.width = width;
        this.height = height;
        this.planes = planes;
        this.alpha = alpha;
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
        return new RgbImage(width, height, planes.clone(), null);
    }

    /**
     * An image that takes {@code planes} (and {@code alpha}, or null) as they are, without the copy that
     * {@link #ofPlanes} makes: for a decoder that made the arrays itself and lets go of them, so that a 40-megapixel
     * picture does not take its 480 MB twice.
     */
    public static RgbImage ofOwnedPlanes(int width, int height, float[] planes, float[] alpha) {
        if (width <= 0 || height <= 0) {
            throw new InvalidInputException("image dimensions must be positive, got " + width + "x" + height);
        }
        if (planes.length != 3L * width * height || alpha != null && alpha.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + 3L * width * height + " samples and "
                    + (long) width * height + " opacities, got " + planes.length + " and "
                    + (alpha == null ? "none" : alpha.length));
        }
        return new RgbImage(width, height, planes, alpha);
    }

    /** The same picture with the opacity plane {@code alpha} ({@code width * height} values, 0..255). */
    public RgbImage withAlpha(float[] alpha) {
        if (alpha.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " opacities, got " + alpha.length);
        }
        return new RgbImage(width, height, planes, alpha.clone());
    }

    /** The same picture with the opacity of {@code other}, resized to this picture's size; unchanged if it has none. */
    public RgbImage withAlphaOf(RgbImage other) {
        if (other.alpha == null) {
            return alpha == null ? this : new RgbImage(width, height, planes, null);
        }
        float[] resized = other.width == width && other.height == height ? other.alpha
                : Resampler.resize(other.alpha, 1, other.width, other.height, width, height);
        return new RgbImage(width, height, planes, resized.clone());
    }

    /** Whether the picture has an opacity plane (it may still be opaque everywhere). */
    public boolean hasAlpha() {
        return alpha != null;
    }

    /** A copy of the opacity plane, 0..255, or null when the picture has none. */
    public float[] alpha() {
        return alpha == null ? null : alpha.clone();
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
        return new RgbImage(width, height, planes, null);
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
        return sizeAtLongestSide(width, height, longestSide);
    }

    /** The {@code {width, height}} a {@code width x height} picture has once resized as {@link #resizeLongestSide}. */
    public static int[] sizeAtLongestSide(int width, int height, int longestSide) {
        if (longestSide <= 0) {
            throw new InvalidInputException("size must be positive, got " + longestSide);
        }
        if (longestSide == Math.max(width, height)) {
            return new int[] {width, height};
        }
        double scale = (double) longestSide / Math.max(width, height);
        int w = width >= height ? longestSide : (int) Math.max(1, Math.round(width * scale));
        int h = height > width ? longestSide : (int) Math.max(1, Math.round(height * scale));
        return new int[] {w, h};
    }

    /** Resizes to exactly {@code newWidth x newHeight} with an antialiased bicubic filter. */
    public RgbImage resize(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        return new RgbImage(newWidth, newHeight, Resampler.resize(planes, 3, width, height, newWidth, newHeight),
                alpha == null ? null : Resampler.resize(alpha, 1, width, height, newWidth, newHeight));
    }

    /**
     * The picture turned as an EXIF orientation asks: {@code transposed} swaps rows and columns (a mirror along the
     * main diagonal), then {@code mirrorX} reverses each row and {@code mirrorY} the row order.
     */
    public RgbImage transformed(boolean transposed, boolean mirrorX, boolean mirrorY) {
        int w = transposed ? height : width;
        int h = transposed ? width : height;
        return new RgbImage(w, h, transform(planes, 3, transposed, mirrorX, mirrorY),
                alpha == null ? null : transform(alpha, 1, transposed, mirrorX, mirrorY));
    }

    private float[] transform(float[] source, int channels, boolean transposed, boolean mirrorX, boolean mirrorY) {
        int w = transposed ? height : width;
        int h = transposed ? width : height;
        int n = width * height;
        float[] out = new float[source.length];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int tx = mirrorX ? w - 1 - x : x;
                    int ty = mirrorY ? h - 1 - y : y;
                    int sx = transposed ? ty : tx;
                    int sy = transposed ? tx : ty;
                    out[c * n + y * w + x] = source[c * n + sy * width + sx];
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other && width == other.width && height == other.height
                && Arrays.equals(planes, other.planes) && Arrays.equals(alpha, other.alpha);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(planes);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + (alpha == null ? "" : ", alpha") + "]";
    }
}
