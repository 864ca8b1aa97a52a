package dev.nst.core.domain.color;

import dev.nst.core.domain.RgbImage;

/**
 * The YUV colour space of analogue PAL video (ITU-R BT.601 luma), as Torch's {@code image.rgb2yuv} that
 * jcjohnson/neural-style's {@code -original_colors} uses: {@code Y = 0.299 R + 0.587 G + 0.114 B},
 * {@code U = 0.492111 (B - Y)}, {@code V = 0.877283 (R - Y)}, on the gamma-encoded sRGB samples. Chosen over a
 * perceptual space (CIELAB) because it is what users of neural-style compare with, and because the chrominance is
 * two colour differences: putting a luminance together with another picture's chrominance only moves every channel
 * of that picture by the same amount, which keeps its chrominance exactly (see {@link #withChrominanceOf}).
 */
public final class Yuv {

    public static final double KR = 0.299;
    public static final double KG = 0.587;
    public static final double KB = 0.114;
    /** {@code U = KU (B - Y)}. */
    public static final double KU = 0.492111;
    /** {@code V = KV (R - Y)}. */
    public static final double KV = 0.877283;

    private Yuv() {
    }

    /** The luma of one pixel. */
    public static double luma(double r, double g, double b) {
        return KR * r + KG * g + KB * b;
    }

    /** The luma plane of {@code image} ({@code width * height} values, 0..255 for samples in range). */
    public static float[] luma(RgbImage image) {
        float[] planes = image.planes();
        int n = image.width() * image.height();
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) luma(planes[i], planes[n + i], planes[2 * n + i]);
        }
        return y;
    }

    /** The planes {@code Y, U, V} of {@code image}, in that order. */
    public static float[] toYuv(RgbImage image) {
        float[] p = image.planes();
        int n = image.width() * image.height();
        float[] yuv = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double y = luma(p[i], p[n + i], p[2 * n + i]);
            yuv[i] = (float) y;
            yuv[n + i] = (float) (KU * (p[2 * n + i] - y));
            yuv[2 * n + i] = (float) (KV * (p[i] - y));
        }
        return yuv;
    }

    /** The picture of the planes {@code Y, U, V} (the exact inverse of {@link #toYuv}; samples are not clamped). */
    public static RgbImage fromYuv(int width, int height, float[] yuv) {
        int n = width * height;
        float[] p = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double y = yuv[i];
            double b = y + yuv[n + i] / KU;
            double r = y + yuv[2 * n + i] / KV;
            p[i] = (float) r;
            p[n + i] = (float) ((y - KR * r - KB * b) / KG);
            p[2 * n + i] = (float) b;
        }
        return RgbImage.ofPlanes(width, height, p);
    }

    /**
     * The luminance of {@code luminance} with the chrominance of {@code chrominance} (resized to {@code luminance}'s
     * size), keeping {@code chrominance}'s transparency. Since U and V are colour differences, this is
     * {@code chrominance}'s pixel moved by {@code Y(luminance) - Y(chrominance)} on every channel. Where that would
     * leave 0..255, the luminance is clamped to the nearest value at which the chrominance can be shown, so the
     * chrominance is always kept and no channel is clipped on its own (clipping one channel would change the hue).
     */
    public static RgbImage withChrominanceOf(RgbImage luminance, RgbImage chrominance) {
        RgbImage colours = chrominance.resize(luminance.width(), luminance.height());
        float[] lum = luma(luminance);
        float[] p = colours.planes();
        int n = lum.length;
        for (int i = 0; i < n; i++) {
            double r = p[i];
            double g = p[n + i];
            double b = p[2 * n + i];
            double y = luma(r, g, b);
            double lowest = Math.min(r, Math.min(g, b)) - y;
            double highest = Math.max(r, Math.max(g, b)) - y;
            double wanted = Math.max(-lowest, Math.min(255.0 - highest, lum[i]));
            if (-lowest > 255.0 - highest) {
                wanted = y;
            }
            double shift = wanted - y;
            p[i] = (float) (r + shift);
            p[n + i] = (float) (g + shift);
            p[2 * n + i] = (float) (b + shift);
        }
        return RgbImage.ofPlanes(luminance.width(), luminance.height(), p).withAlphaOf(chrominance);
    }
}
