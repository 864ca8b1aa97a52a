package dev.nst.cuda.internal;

import dev.nst.cuda.CublasBinding;
import jcuda.Pointer;
import jcuda.runtime.cudaStream_t;

/**
 * The cuBLAS functions the backend calls, on one handle, each returning cuBLAS's status code (checked by
 * {@link Status}). Scalars are passed from the host ({@code CUBLAS_POINTER_MODE_HOST}); vectors have stride 1.
 * cuBLAS 12 and 13 share these signatures and status codes; {@link #of} picks the binding the probe chose.
 */
interface Cublas {

    /** Loads cuBLAS the way {@code binding} says; creates no handle yet. */
    static Cublas of(CublasBinding binding) {
        if (binding instanceof CublasBinding.Direct direct) {
            return DirectCublas.load(direct.library());
        }
        return new JCublasCalls();
    }

    /** {@code cublasGetProperty}: one part of cuBLAS's version ({@code jcuda.libraryPropertyType}); needs no handle. */
    int property(int type, int[] value);

    /** {@code cublasCreate}: the handle every other call below uses. */
    int create();

    /** {@code cublasDestroy}. */
    int destroy();

    /** {@code cublasSetStream}: the stream the handle's work is queued on. */
    int setStream(cudaStream_t stream);

    /** {@code cublasSetPointerMode(CUBLAS_POINTER_MODE_HOST)}. */
    int setPointerModeHost();

    /** {@code cublasSetMathMode}, a {@code cublasMath_t}. */
    int setMathMode(int mode);

    /** {@code cublasSgemm}: {@code C = alpha * op(A) op(B) + beta * C}, column-major. */
    int sgemm(int transA, int transB, int m, int n, int k, float alpha, Pointer a, int lda, Pointer b, int ldb,
              float beta, Pointer c, int ldc);

    /** {@code cublasSgeam}: {@code C = alpha * op(A) + beta * op(B)}, column-major. */
    int sgeam(int transA, int transB, int m, int n, float alpha, Pointer a, int lda, float beta, Pointer b, int ldb,
              Pointer c, int ldc);

    /**
     * {@code cublasSdgmm}: {@code C = diag(x) A} ({@code mode} {@code CUBLAS_SIDE_LEFT}, {@code x} of {@code m}) or
     * {@code C = A diag(x)} ({@code CUBLAS_SIDE_RIGHT}, {@code x} of {@code n}), column-major {@code m x n}.
     */
    int sdgmm(int mode, int m, int n, Pointer a, int lda, Pointer x, Pointer c, int ldc);

    /** {@code cublasSaxpy}: {@code y += alpha * x}. */
    int saxpy(int n, float alpha, Pointer x, Pointer y);

    /** {@code cublasSscal}: {@code x *= alpha}. */
    int sscal(int n, float alpha, Pointer x);
}
