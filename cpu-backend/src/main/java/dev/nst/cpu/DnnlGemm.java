package dev.nst.cpu;

import java.nio.FloatBuffer;
import org.bytedeco.dnnl.global.dnnl;

/** SGEMM by oneDNN ({@code dnnl_sgemm}, row-major, JIT-compiled for the running CPU). */
final class DnnlGemm implements Gemm {

    private final DnnlKernels kernels;

    DnnlGemm(DnnlKernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a, int lda,
                      FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        kernels.useThreads();
        int status = dnnl.dnnl_sgemm((byte) (transA ? 'T' : 'N'), (byte) (transB ? 'T' : 'N'), m, n, k, alpha,
                a, lda, b, ldb, beta, c, ldc);
        if (status != dnnl.dnnl_success) {
            throw new IllegalStateException("dnnl_sgemm failed with status " + status);
        }
    }
}
