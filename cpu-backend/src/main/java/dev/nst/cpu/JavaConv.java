package dev.nst.cpu;

import dev.nst.core.domain.ConvWeights;

/**
 * A 3x3, stride 1, zero-padded convolution in plain Java: rows of the output are computed in chunks by unrolling the
 * input patch (im2col) and multiplying by the {@code out x 9*in} weight matrix. The data gradient of a convolution is
 * itself such a convolution, with the kernel transposed and rotated by 180 degrees ({@link #dataGradientOf}).
 */
final class JavaConv {

    /** Output columns per chunk: keeps the unrolled patch within the L2 cache. */
    private static final int COLUMNS_PER_CHUNK = 512;

    private final int in;
    private final int out;
    private final float[] matrix;
    private final float[] bias;

    private JavaConv(int in, int out, float[] matrix, float[] bias) {
        this.in = in;
        this.out = out;
        this.matrix = matrix;
        this.bias = bias;
    }

    static JavaConv of(ConvWeights weights) {
        return new JavaConv(weights.inChannels(), weights.outChannels(), weights.kernel(), weights.bias());
    }

    /** The convolution mapping a gradient at this layer's output to the gradient at its input. */
    static JavaConv dataGradientOf(ConvWeights weights) {
        int in = weights.inChannels();
        int out = weights.outChannels();
        float[] k = weights.kernel();
        float[] transposed = new float[in * out * 9];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int t = 0; t < 9; t++) {
                    transposed[(i * out + o) * 9 + (8 - t)] = k[(o * in + i) * 9 + t];
                }
            }
        }
        return new JavaConv(out, in, transposed, null);
    }

    int outChannels() {
        return out;
    }

    /**
     * Convolves {@code input} ({@code in x h x w}, at its start) into the start of {@code result}
     * ({@code out x h x w}); both may be longer than that.
     */
    void apply(float[] input, int h, int w, Parallel parallel, float[] result) {
        int rowsPerChunk = Math.max(1, COLUMNS_PER_CHUNK / w);
        int chunks = (h + rowsPerChunk - 1) / rowsPerChunk;
        parallel.forEach(chunks, chunk -> {
            int y0 = chunk * rowsPerChunk;
            int y1 = Math.min(h, y0 + rowsPerChunk);
            int n = (y1 - y0) * w;
            float[] patch = unroll(input, h, w, y0, y1);
            float[] product = new float[out * n];
            JavaGemm.multiplyRows(matrix, patch, product, n, in * 9, 0, out);
            for (int o = 0; o < out; o++) {
                float b = bias == null ? 0f : bias[o];
                int dst = (o * h + y0) * w;
                for (int j = 0; j < n; j++) {
                    result[dst + j] = product[o * n + j] + b;
                }
            }
        });
    }

    /** The {@code 9*in x n} matrix of input samples under each output position of rows {@code y0..y1-1}. */
    private float[] unroll(float[] input, int h, int w, int y0, int y1) {
        int n = (y1 - y0) * w;
        float[] patch = new float[in * 9 * n];
        for (int i = 0; i < in; i++) {
            for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 3; kx++) {
                    int row = ((i * 3 + ky) * 3 + kx) * n;
                    for (int y = y0; y < y1; y++) {
                        int sy = y + ky - 1;
                        if (sy < 0 || sy >= h) {
                            continue;
                        }
                        int dst = row + (y - y0) * w;
                        int src = (i * h + sy) * w;
                        int xFrom = Math.max(0, 1 - kx);
                        int xTo = Math.min(w, w + 1 - kx);
                        System.arraycopy(input, src + xFrom + kx - 1, patch, dst + xFrom, xTo - xFrom);
                    }
                }
            }
        }
        return patch;
    }
}
