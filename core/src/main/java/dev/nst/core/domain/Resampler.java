package dev.nst.core.domain;

/**
 * Separable bicubic (Keys, a = -0.5) resampling. When shrinking, the kernel is stretched by the scale factor so
 * that every source pixel contributes (an antialiased, area-like reduction, not nearest-neighbour sampling).
 */
final class Resampler {

    private static final double SUPPORT = 2.0;

    private Resampler() {
    }

    static float[] resize(float[] planes, int channels, int width, int height, int newWidth, int newHeight) {
        float[] out = new float[channels * newWidth * newHeight];
        Kernel horizontal = Kernel.between(width, newWidth);
        Kernel vertical = Kernel.between(height, newHeight);
        float[] rows = new float[newWidth * height];
        for (int c = 0; c < channels; c++) {
            int src = c * width * height;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < newWidth; x++) {
                    rows[y * newWidth + x] = horizontal.apply(planes, src + y * width, 1, x);
                }
            }
            int dst = c * newWidth * newHeight;
            for (int y = 0; y < newHeight; y++) {
                for (int x = 0; x < newWidth; x++) {
                    out[dst + y * newWidth + x] = clamp(vertical.apply(rows, x, newWidth, y));
                }
            }
        }
        return out;
    }

    private static float clamp(float v) {
        return Math.min(255f, Math.max(0f, v));
    }

    /** Normalised filter taps for every output position along one axis. */
    private record Kernel(int[] first, float[][] taps) {

        static Kernel between(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double stretch = Math.max(scale, 1.0);
            double support = SUPPORT * stretch;
            int[] first = new int[outSize];
            float[][] taps = new float[outSize][];
            for (int i = 0; i < outSize; i++) {
                double center = (i + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(center - support + 0.5));
                int hi = Math.min(inSize, (int) Math.floor(center + support + 0.5));
                double[] w = new double[Math.max(1, hi - lo)];
                double sum = 0;
                for (int j = 0; j < hi - lo; j++) {
                    w[j] = cubic((lo + j + 0.5 - center) / stretch);
                    sum += w[j];
                }
                float[] t = new float[w.length];
                if (sum == 0) {
                    t[0] = 1f;
                    lo = Math.min(inSize - 1, Math.max(0, (int) center));
                } else {
                    for (int j = 0; j < t.length; j++) {
                        t[j] = (float) (w[j] / sum);
                    }
                }
                first[i] = lo;
                taps[i] = t;
            }
            return new Kernel(first, taps);
        }

        float apply(float[] data, int base, int stride, int i) {
            float[] t = taps[i];
            int p = base + first[i] * stride;
            float acc = 0;
            for (float tap : t) {
                acc += tap * data[p];
                p += stride;
            }
            return acc;
        }

        private static double cubic(double x) {
            double a = -0.5;
            x = Math.abs(x);
            if (x < 1) {
                return ((a + 2) * x - (a + 3)) * x * x + 1;
            }
            if (x < 2) {
                return (((x - 5) * x + 8) * x - 4) * a;
            }
            return 0;
        }
    }
}
