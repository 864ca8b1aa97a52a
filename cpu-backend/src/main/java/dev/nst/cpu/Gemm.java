package dev.nst.cpu;

import java.nio.FloatBuffer;

/**
 * Row-major single-precision matrix product {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is
 * {@code X} or its transpose; {@code A} is {@code m x k}, {@code B} is {@code k x n} after {@code op}.
 */
interface Gemm {

    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a, int lda,
               FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc);
}
