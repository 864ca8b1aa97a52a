package dev.nst.cuda.internal;

import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;

import dev.nst.core.domain.Shape;
import jcuda.Pointer;

/**
 * Total variation {@code weight/2 * sum of squared differences of horizontal and vertical neighbours} and its
 * gradient, with strided SGEAMs. The {@code C x H x W} image is, to cuBLAS, a column-major {@code W x (C*H)} matrix
 * (one column per image row, leading dimension {@code W}); offsetting its start by one element or one row and
 * subtracting gives all neighbour differences at once.
 */
final class TotalVariationOps {

    private final Blas blas;
    private final Reductions reductions;
    private final Scratch scratch;

    TotalVariationOps(Blas blas, Reductions reductions, Scratch scratch) {
        this.blas = blas;
        this.reductions = reductions;
        this.scratch = scratch;
    }

    /** The loss; accumulates its gradient into {@code gradient} unless it is null. */
    double evaluate(Pointer image, Shape shape, double weight, Pointer gradient) {
        return weight / 2 * (horizontal(image, shape, (float) weight, gradient) + vertical(image, shape, (float) weight,
                gradient));
    }

    /**
     * {@code d[r][i] = x[r][i+1] - x[r][i]} over all {@code C*H} rows: one SGEAM of the {@code (W-1) x (C*H)} blocks
     * starting at elements 1 and 0. The gradient gets {@code +w*d} at {@code i+1} and {@code -w*d} at {@code i}, by
     * two in-place SGEAMs.
     */
    private double horizontal(Pointer x, Shape shape, float weight, Pointer gradient) {
        int w = shape.width();
        int rows = shape.channels() * shape.height();
        if (w < 2) {
            return 0;
        }
        int m = w - 1;
        Pointer d = scratch.floats((long) m * rows);
        blas.sgeam(CUBLAS_OP_N, CUBLAS_OP_N, m, rows, 1f, offset(x, 1), w, -1f, x, w, d, m);
        double sum = reductions.dot(d, d, m * rows);
        if (gradient != null) {
            blas.sgeam(CUBLAS_OP_N, CUBLAS_OP_N, m, rows, 1f, offset(gradient, 1), w, weight, d, m,
                    offset(gradient, 1), w);
            blas.sgeam(CUBLAS_OP_N, CUBLAS_OP_N, m, rows, 1f, gradient, w, -weight, d, m, gradient, w);
        }
        return sum;
    }

    /**
     * {@code d[c][y][i] = x[c][y+1][i] - x[c][y][i]}, per channel (the last row of one channel and the first of the
     * next are not neighbours): the {@code W x (H-1)} blocks starting at rows 1 and 0, stored one channel after the
     * other in scratch, so one dot product sums them all. The gradient is updated per channel as for rows.
     */
    private double vertical(Pointer x, Shape shape, float weight, Pointer gradient) {
        int w = shape.width();
        int h = shape.height();
        if (h < 2) {
            return 0;
        }
        long plane = (long) h * w;
        int block = w * (h - 1);
        Pointer d = scratch.floats((long) block * shape.channels());
        for (int c = 0; c < shape.channels(); c++) {
            Pointer channel = offset(x, c * plane);
            blas.sgeam(CUBLAS_OP_N, CUBLAS_OP_N, w, h - 1, 1f, offset(channel, w), w, -1f, channel, w,
                    offset(d, (long) c * block), w);
        }
        double sum = reductions.dot(d, d, block * shape.channels());
        if (gradient != null) {
            for (int c = 0; c < shape.channels(); c++) {
                Pointer channel = offset(gradient, c * plane);
                Pointer dc = offset(d, (long) c * block);
                blas.sgeam(CUBLAS_OP_N, CUBLAS_OP_N, w, h - 1, 1f, offset(channel, w), w, weight, dc, w,
                        offset(channel, w), w);
                blas.sgeam(CUBLAS_OP_N, CUBLAS_OP_N, w, h - 1, 1f, channel, w, -weight, dc, w, channel, w);
            }
        }
        return sum;
    }

    private static Pointer offset(Pointer pointer, long floats) {
        return pointer.withByteOffset(floats * Float.BYTES);
    }
}
