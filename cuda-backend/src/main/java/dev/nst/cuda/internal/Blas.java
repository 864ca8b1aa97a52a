package dev.nst.cuda.internal;

import jcuda.Pointer;

/**
 * The cuBLAS calls the backend makes, status-checked. cuBLAS is column-major: a row-major {@code rows x cols} block
 * of floats is, to cuBLAS, a {@code cols x rows} matrix with leading dimension {@code cols}. Scalars are passed from
 * the host ({@code CUBLAS_POINTER_MODE_HOST}).
 */
final class Blas {

    private final Cublas cublas;
    private final Status status;

    Blas(CudaDevice device) {
        this.cublas = device.cublas;
        this.status = device.status;
    }

    /** {@code C = alpha * op(A) op(B) + beta * C}, column-major, {@code op(A)} is {@code m x k}. */
    void sgemm(int transA, int transB, int m, int n, int k, float alpha, Pointer a, int lda, Pointer b, int ldb,
               float beta, Pointer c, int ldc) {
        status.cublas(cublas.sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc), "cublasSgemm");
    }

    /**
     * {@code C = alpha * op(A) + beta * op(B)}, column-major {@code m x n}. {@code C} may be {@code A} (with
     * {@code ldc == lda} and no transposition of {@code A}), which is how gradients are accumulated in place.
     */
    void sgeam(int transA, int transB, int m, int n, float alpha, Pointer a, int lda, float beta, Pointer b, int ldb,
               Pointer c, int ldc) {
        status.cublas(cublas.sgeam(transA, transB, m, n, alpha, a, lda, beta, b, ldb, c, ldc), "cublasSgeam");
    }

    /**
     * {@code C = diag(x) A} ({@code mode} {@code CUBLAS_SIDE_LEFT}: row {@code i} scaled by {@code x[i]}) or
     * {@code C = A diag(x)} ({@code CUBLAS_SIDE_RIGHT}: column {@code j} scaled by {@code x[j]}), column-major
     * {@code m x n}, {@code x} of stride 1. The backend always writes {@code C} apart from {@code A}.
     */
    void sdgmm(int mode, int m, int n, Pointer a, int lda, Pointer x, Pointer c, int ldc) {
        status.cublas(cublas.sdgmm(mode, m, n, a, lda, x, c, ldc), "cublasSdgmm");
    }

    /** {@code y += alpha * x} over {@code n} floats. */
    void saxpy(int n, float alpha, Pointer x, Pointer y) {
        status.cublas(cublas.saxpy(n, alpha, x, y), "cublasSaxpy");
    }

    /** {@code x *= alpha} over {@code n} floats. */
    void sscal(int n, float alpha, Pointer x) {
        status.cublas(cublas.sscal(n, alpha, x), "cublasSscal");
    }
}
