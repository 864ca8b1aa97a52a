package dev.nst.cuda.internal;

import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasPointerMode;
import jcuda.runtime.cudaStream_t;

/**
 * {@link Cublas} through JCublas2, whose JNI library links against the CUDA 12 cuBLAS. Constructing it loads that
 * library (a {@link LinkageError} when {@code libcublas.so.12} is missing).
 */
final class JCublasCalls implements Cublas {

    private final cublasHandle handle = new cublasHandle();

    JCublasCalls() {
        JCublas2.setExceptionsEnabled(false);
    }

    @Override
    public int property(int type, int[] value) {
        return JCublas2.cublasGetProperty(type, value);
    }

    @Override
    public int create() {
        return JCublas2.cublasCreate(handle);
    }

    @Override
    public int destroy() {
        return JCublas2.cublasDestroy(handle);
    }

    @Override
    public int setStream(cudaStream_t stream) {
        return JCublas2.cublasSetStream(handle, stream);
    }

    @Override
    public int setPointerModeHost() {
        return JCublas2.cublasSetPointerMode(handle, cublasPointerMode.CUBLAS_POINTER_MODE_HOST);
    }

    @Override
    public int setMathMode(int mode) {
        return JCublas2.cublasSetMathMode(handle, mode);
    }

    @Override
    public int sgemm(int transA, int transB, int m, int n, int k, float alpha, Pointer a, int lda, Pointer b, int ldb,
                     float beta, Pointer c, int ldc) {
        return JCublas2.cublasSgemm(handle, transA, transB, m, n, k, scalar(alpha), a, lda, b, ldb, scalar(beta), c,
                ldc);
    }

    @Override
    public int sgeam(int transA, int transB, int m, int n, float alpha, Pointer a, int lda, float beta, Pointer b,
                     int ldb, Pointer c, int ldc) {
        return JCublas2.cublasSgeam(handle, transA, transB, m, n, scalar(alpha), a, lda, scalar(beta), b, ldb, c, ldc);
    }

    @Override
    public int sdgmm(int mode, int m, int n, Pointer a, int lda, Pointer x, Pointer c, int ldc) {
        return JCublas2.cublasSdgmm(handle, mode, m, n, a, lda, x, 1, c, ldc);
    }

    @Override
    public int saxpy(int n, float alpha, Pointer x, Pointer y) {
        return JCublas2.cublasSaxpy(handle, n, scalar(alpha), x, 1, y, 1);
    }

    @Override
    public int sscal(int n, float alpha, Pointer x) {
        return JCublas2.cublasSscal(handle, n, scalar(alpha), x, 1);
    }

    private static Pointer scalar(float value) {
        return Pointer.to(new float[] {value});
    }
}
