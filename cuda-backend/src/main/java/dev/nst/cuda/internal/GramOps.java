package dev.nst.cuda.internal;

import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_T;
import static jcuda.jcublas.cublasSideMode.CUBLAS_SIDE_LEFT;

import jcuda.Pointer;

/**
 * Gram matrices {@code G = scale * F diag(w) Fᵀ} and their gradient on cuBLAS (defined by the core's
 * {@code ReferenceKernels.gram} and {@code gramBackward}). Features {@code F} are {@code C x N} row-major
 * ({@code N = H*W}), which cuBLAS sees as the column-major {@code N x C} matrix {@code Fᵀ} with leading dimension
 * {@code N}; position weights {@code w} scale its rows ({@code diag(w) Fᵀ}, by SDGMM into scratch).
 */
final class GramOps {

    private final Blas blas;
    private final Scratch scratch;

    GramOps(Blas blas, Scratch scratch) {
        this.blas = blas;
        this.scratch = scratch;
    }

    /**
     * {@code G = scale * F diag(w) Fᵀ}, written or (with {@code accumulate}) added: one SGEMM,
     * {@code G = scale * (Fᵀ)ᵀ (diag(w) Fᵀ) + beta * G} in cuBLAS's terms. The full matrix is written (SSYRK would fill
     * one triangle only, and the losses read both); the Gram products are a few percent of an iteration. {@code G} is
     * symmetric, so its column-major result reads the same row-major.
     *
     * @param weights {@code N} position weights, or null for all ones
     */
    void gram(Pointer features, int channels, int area, Pointer weights, float scale, boolean accumulate,
              Pointer gram) {
        Pointer right = features;
        if (weights != null) {
            right = scratch.floats((long) area * channels);
            blas.sdgmm(CUBLAS_SIDE_LEFT, area, channels, features, area, weights, right, area);
        }
        blas.sgemm(CUBLAS_OP_T, CUBLAS_OP_N, channels, channels, area, scale, features, area, right, area,
                accumulate ? 1f : 0f, gram, channels);
    }

    /**
     * {@code dF += scale * (dG + dGᵀ) F diag(w)}: {@code S = dG + dGᵀ} by SGEAM into scratch (exactly symmetric, so
     * its layout does not matter), then, column-major, {@code dFᵀ += scale * (diag(w) Fᵀ) S} by SGEMM with
     * {@code beta = 1}, the weighted features in a second scratch region.
     *
     * @param weights {@code N} position weights, or null for all ones
     */
    void backward(Pointer features, int channels, int area, Pointer weights, float scale, Pointer gramGradient,
                  Pointer featureGradient) {
        long square = (long) channels * channels;
        Pointer symmetric;
        Pointer left = features;
        if (weights == null) {
            symmetric = scratch.floats(square);
        } else {
            Pointer[] regions = scratch.floats(square, (long) area * channels);
            symmetric = regions[0];
            left = regions[1];
            blas.sdgmm(CUBLAS_SIDE_LEFT, area, channels, features, area, weights, left, area);
        }
        blas.sgeam(CUBLAS_OP_N, CUBLAS_OP_T, channels, channels, 1f, gramGradient, channels, 1f, gramGradient, channels,
                symmetric, channels);
        blas.sgemm(CUBLAS_OP_N, CUBLAS_OP_N, area, channels, channels, scale, left, area, symmetric, channels, 1f,
                featureGradient, area);
    }
}
