package dev.nst.cpu;

import java.nio.FloatBuffer;

/**
 * Matrix products in plain Java: operands are packed into heap arrays and multiplied four rows by four columns of
 * {@code A} at a time, an inner loop the JIT vectorises. Roughly 10-20x slower than oneDNN; the fallback where its
 * native build is missing.
 */
final class JavaGemm implements Gemm {

    private final Parallel parallel;

    JavaGemm(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a, int lda,
                      FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        float[] left = pack(a, transA, m, k, lda);
        float[] right = pack(b, transB, k, n, ldb);
        float[] product = new float[m * n];
        multiply(left, right, product, m, n, k, parallel);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int at = i * ldc + j;
                float previous = beta == 0 ? 0 : beta * c.get(at);
                c.put(at, alpha * product[i * n + j] + previous);
            }
        }
    }

    /** The {@code rows x cols} matrix {@code op(X)} as a dense row-major array. */
    private static float[] pack(FloatBuffer x, boolean transposed, int rows, int cols, int ld) {
        float[] out = new float[rows * cols];
        if (!transposed) {
            for (int r = 0; r < rows; r++) {
                x.get(r * ld, out, r * cols, cols);
            }
        } else {
            float[] row = new float[rows];
            for (int c = 0; c < cols; c++) {
                x.get(c * ld, row, 0, rows);
                for (int r = 0; r < rows; r++) {
                    out[r * cols + c] = row[r];
                }
            }
        }
        return out;
    }

    /** {@code c += a * b} for dense row-major {@code a (m x k)}, {@code b (k x n)}, {@code c (m x n)}; rows in parallel. */
    static void multiply(float[] a, float[] b, float[] c, int m, int n, int k, Parallel parallel) {
        int blocks = (m + 3) / 4;
        if (parallel == null || blocks < 2 || (long) m * n * k < 1 << 20) {
            multiplyRows(a, b, c, n, k, 0, m);
            return;
        }
        int perTask = Math.max(1, blocks / (parallel.threads() * 4));
        int tasks = (blocks + perTask - 1) / perTask;
        parallel.forEach(tasks, t -> {
            int from = t * perTask * 4;
            multiplyRows(a, b, c, n, k, from, Math.min(m, from + perTask * 4));
        });
    }

    static void multiplyRows(float[] a, float[] b, float[] c, int n, int k, int rowFrom, int rowTo) {
        int i = rowFrom;
        for (; i + 4 <= rowTo; i += 4) {
            int c0 = i * n;
            int c1 = c0 + n;
            int c2 = c1 + n;
            int c3 = c2 + n;
            int p = 0;
            for (; p + 4 <= k; p += 4) {
                int a0 = i * k + p;
                int a1 = a0 + k;
                int a2 = a1 + k;
                int a3 = a2 + k;
                float a00 = a[a0], a01 = a[a0 + 1], a02 = a[a0 + 2], a03 = a[a0 + 3];
                float a10 = a[a1], a11 = a[a1 + 1], a12 = a[a1 + 2], a13 = a[a1 + 3];
                float a20 = a[a2], a21 = a[a2 + 1], a22 = a[a2 + 2], a23 = a[a2 + 3];
                float a30 = a[a3], a31 = a[a3 + 1], a32 = a[a3 + 2], a33 = a[a3 + 3];
                int b0 = p * n;
                int b1 = b0 + n;
                int b2 = b1 + n;
                int b3 = b2 + n;
                for (int j = 0; j < n; j++) {
                    float x0 = b[b0 + j];
                    float x1 = b[b1 + j];
                    float x2 = b[b2 + j];
                    float x3 = b[b3 + j];
                    c[c0 + j] += a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
                    c[c1 + j] += a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
                    c[c2 + j] += a20 * x0 + a21 * x1 + a22 * x2 + a23 * x3;
                    c[c3 + j] += a30 * x0 + a31 * x1 + a32 * x2 + a33 * x3;
                }
            }
            for (; p < k; p++) {
                for (int r = 0; r < 4; r++) {
                    float av = a[(i + r) * k + p];
                    int cr = (i + r) * n;
                    int bp = p * n;
                    for (int j = 0; j < n; j++) {
                        c[cr + j] += av * b[bp + j];
                    }
                }
            }
        }
        for (; i < rowTo; i++) {
            int cr = i * n;
            for (int p = 0; p < k; p++) {
                float av = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[cr + j] += av * b[bp + j];
                }
            }
        }
    }
}
