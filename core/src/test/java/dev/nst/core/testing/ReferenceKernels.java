package dev.nst.core.testing;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.Pooling;

/**
 * The network's layers written as plainly as possible, accumulating in double: the executable specification that
 * every backend is compared with. Arrays are channel-major {@code [c][y][x]}.
 */
public final class ReferenceKernels {

    private ReferenceKernels() {
    }

    /** 3x3 convolution, stride 1, zero padding 1, plus bias. */
    public static float[] conv(float[] in, int h, int w, ConvWeights conv) {
        int cin = conv.inChannels();
        int cout = conv.outChannels();
        float[] k = conv.kernel();
        float[] out = new float[cout * h * w];
        for (int o = 0; o < cout; o++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double acc = conv.bias()[o];
                    for (int i = 0; i < cin; i++) {
                        for (int ky = 0; ky < 3; ky++) {
                            int sy = y + ky - 1;
                            if (sy < 0 || sy >= h) {
                                continue;
                            }
                            for (int kx = 0; kx < 3; kx++) {
                                int sx = x + kx - 1;
                                if (sx >= 0 && sx < w) {
                                    acc += (double) k[((o * cin + i) * 3 + ky) * 3 + kx] * in[(i * h + sy) * w + sx];
                                }
                            }
                        }
                    }
                    out[(o * h + y) * w + x] = (float) acc;
                }
            }
        }
        return out;
    }

    /** Gradient of {@link #conv} with respect to its input. */
    public static float[] convBackward(float[] gradOut, int h, int w, ConvWeights conv) {
        int cin = conv.inChannels();
        int cout = conv.outChannels();
        float[] k = conv.kernel();
        double[] grad = new double[cin * h * w];
        for (int o = 0; o < cout; o++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double g = gradOut[(o * h + y) * w + x];
                    for (int i = 0; i < cin; i++) {
                        for (int ky = 0; ky < 3; ky++) {
                            int sy = y + ky - 1;
                            if (sy < 0 || sy >= h) {
                                continue;
                            }
                            for (int kx = 0; kx < 3; kx++) {
                                int sx = x + kx - 1;
                                if (sx >= 0 && sx < w) {
                                    grad[(i * h + sy) * w + sx] += g * k[((o * cin + i) * 3 + ky) * 3 + kx];
                                }
                            }
                        }
                    }
                }
            }
        }
        return toFloat(grad);
    }

    public static float[] relu(float[] in) {
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.max(0f, in[i]);
        }
        return out;
    }

    /** Gradient of ReLU given its output (the derivative at 0 is taken as 0). */
    public static float[] reluBackward(float[] gradOut, float[] out) {
        float[] grad = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            grad[i] = out[i] > 0 ? gradOut[i] : 0f;
        }
        return grad;
    }

    /** 2x2 stride-2 pooling without padding; odd trailing rows and columns are dropped. */
    public static float[] pool(float[] in, int c, int h, int w, Pooling pooling) {
        int oh = h / 2;
        int ow = w / 2;
        float[] out = new float[c * oh * ow];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int base = (ch * h + 2 * y) * w + 2 * x;
                    float a = in[base];
                    float b = in[base + 1];
                    float d = in[base + w];
                    float e = in[base + w + 1];
                    out[(ch * oh + y) * ow + x] = pooling == Pooling.MAX
                            ? Math.max(Math.max(a, b), Math.max(d, e))
                            : (float) (((double) a + b + d + e) / 4);
                }
            }
        }
        return out;
    }

    /** Gradient of {@link #pool}; max pooling routes the gradient to the first maximum in row-major order. */
    public static float[] poolBackward(float[] gradOut, float[] in, int c, int h, int w, Pooling pooling) {
        int oh = h / 2;
        int ow = w / 2;
        float[] grad = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    float g = gradOut[(ch * oh + y) * ow + x];
                    int base = (ch * h + 2 * y) * w + 2 * x;
                    int[] window = {base, base + 1, base + w, base + w + 1};
                    if (pooling == Pooling.AVG) {
                        for (int p : window) {
                            grad[p] += g / 4;
                        }
                    } else {
                        int best = window[0];
                        for (int p : window) {
                            if (in[p] > in[best]) {
                                best = p;
                            }
                        }
                        grad[best] += g;
                    }
                }
            }
        }
        return grad;
    }

    /** The classic Gram matrix {@code F F^T / (C*H*W)} for {@code F} of {@code c x n}. */
    public static float[] gram(float[] f, int c, int n) {
        return gram(f, c, n, null, 1.0 / ((double) c * n));
    }

    /**
     * The Gram matrix with explicit parameters: {@code scale * F diag(w) F^T}, that is
     * {@code G[a][b] = scale * sum_p w[p] F[a][p] F[b][p]}.
     *
     * @param w one weight per position, or null for all ones
     */
    public static float[] gram(float[] f, int c, int n, float[] w, double scale) {
        float[] g = new float[c * c];
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += (w == null ? 1.0 : w[i]) * f[a * n + i] * f[b * n + i];
                }
                g[a * c + b] = (float) (acc * scale);
            }
        }
        return g;
    }

    /**
     * The gradient of {@link #gram(float[], int, int, float[], double)}: given {@code dG}, {@code dF[a][p] =
     * scale * w[p] * sum_b (dG[a][b] + dG[b][a]) F[b][p]}.
     */
    public static float[] gramBackward(float[] f, int c, int n, float[] w, double scale, float[] dg) {
        double[] df = new double[c * n];
        for (int a = 0; a < c; a++) {
            for (int i = 0; i < n; i++) {
                double acc = 0;
                for (int b = 0; b < c; b++) {
                    acc += ((double) dg[a * c + b] + dg[b * c + a]) * f[b * n + i];
                }
                df[a * n + i] = acc * scale * (w == null ? 1.0 : w[i]);
            }
        }
        return toFloat(df);
    }

    /**
     * The mean squared error with explicit parameters: {@code weight * sum_i e[i] (x[i] - t[i])^2 / count}.
     *
     * @param e one weight per element, or null for all ones
     */
    public static double meanSquaredError(float[] x, float[] t, float[] e, double count, double weight) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - t[i];
            sum += (e == null ? 1.0 : e[i]) * d * d;
        }
        return weight * sum / count;
    }

    /** The gradient of {@link #meanSquaredError}: {@code weight * 2 e[i] (x[i] - t[i]) / count}. */
    public static float[] meanSquaredErrorGradient(float[] x, float[] t, float[] e, double count, double weight) {
        float[] g = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = (float) (weight * 2 * (e == null ? 1.0 : e[i]) * ((double) x[i] - t[i]) / count);
        }
        return g;
    }

    /**
     * {@code to[c][toY + y][toX + x] (+)= from[c][fromY + y][fromX + x]} for the {@code height x width} region, every
     * channel; a new array, {@code to} is left alone.
     */
    public static float[] region(float[] from, int fromH, int fromW, int fromY, int fromX, int height, int width,
                                 float[] to, int channels, int toH, int toW, int toY, int toX, boolean add) {
        float[] out = to.clone();
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int src = (c * fromH + fromY + y) * fromW + fromX + x;
                    int dst = (c * toH + toY + y) * toW + toX + x;
                    out[dst] = add ? out[dst] + from[src] : from[src];
                }
            }
        }
        return out;
    }

    /** {@code weight/2 * sum of squared neighbour differences} over a {@code c x h x w} image. */
    public static double totalVariation(float[] x, int c, int h, int w, double weight) {
        double sum = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    double v = x[(ch * h + y) * w + xx];
                    if (xx + 1 < w) {
                        double d = x[(ch * h + y) * w + xx + 1] - v;
                        sum += d * d;
                    }
                    if (y + 1 < h) {
                        double d = x[(ch * h + y + 1) * w + xx] - v;
                        sum += d * d;
                    }
                }
            }
        }
        return weight / 2 * sum;
    }

    static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
