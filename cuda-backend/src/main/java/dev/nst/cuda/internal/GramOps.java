package dev.nst.cuda.internal;

import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_T;

import jcuda.Pointer;

/**
 * Gram matrices and their gradient on cuBLAS. Features {@code F} are {@code C x N} row-major ({@code N = H*W}), which
 * cuBLAS sees as the column-major {@code N x C} matrix {@code Fᵀ} with leading dimension {@code N}.
 */
final class GramOps {

    private final Blas blas;
    private final Scratch scratch;

    GramOps(Blas blas, Scratch scratch) {
        this.blas = blas;
        this.scratch = scratch;
    }

    /**
     * {@code G = F Fᵀ / (C*N)}: one SGEMM, {@code G = (Fᵀ)ᵀ (Fᵀ)} in cuBLAS's terms. The full matrix is written
     * (SSYRK would fill one triangle only, and the losses read both); the Gram products are a few percent of an
     * iteration.
     */
    void gram(Pointer features, int channels, int area, Pointer gram) {
        float scale = (float) (1.0 / ((double) channels * area));
        blas.sgemm(CUBLAS_OP_T, CUBLAS_OP_N, channels, channels, area, scale, features, area, features, area, 0f, gram,
                channels);
    }

    /**
     * {@code dF += (dG + dGᵀ) F / (C*N)}: {@code S = dG + dGᵀ} by SGEAM into scratch, then, column-major,
     * {@code dFᵀ += Fᵀ S} by SGEMM with {@code beta = 1}.
     */
    void backward(Pointer features, int channels, int area, Pointer gramGradient, Pointer featureGradient) {
        Pointer symmetric = scratch.floats((long) channels * channels);
        blas.sgeam(CUBLAS_OP_N, CUBLAS_OP_T, channels, channels, 1f, gramGradient, channels, 1f, gramGradient, channels,
                symmetric, channels);
        float scale = (float) (1.0 / ((double) channels * area));
        blas.sgemm(CUBLAS_OP_N, CUBLAS_OP_N, area, channels, channels, scale, features, area, symmetric, channels, 1f,
                featureGradient, area);
    }
}
