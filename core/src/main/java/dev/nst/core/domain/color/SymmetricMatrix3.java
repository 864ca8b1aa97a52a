package dev.nst.core.domain.color;

import java.util.Arrays;

/** A symmetric 3 x 3 matrix, such as a colour covariance, with the few operations colour matching needs. */
public final class SymmetricMatrix3 {

    private static final int SWEEPS = 64;

    private final double[][] m;

    public SymmetricMatrix3(double[][] entries) {
        if (entries.length != 3 || Arrays.stream(entries).anyMatch(row -> row.length != 3)) {
            throw new IllegalArgumentException("expected a 3 x 3 matrix");
        }
        m = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = (entries[i][j] + entries[j][i]) / 2;
            }
        }
    }

    public double get(int row, int column) {
        return m[row][column];
    }

    /** A copy of the entries. */
    public double[][] entries() {
        return new double[][] {m[0].clone(), m[1].clone(), m[2].clone()};
    }

    /**
     * {@code M^p} through the eigendecomposition {@code M = Q diag(lambda) Q^T} (cyclic Jacobi rotations, exact to
     * rounding for a symmetric matrix): {@code Q diag(lambda^p) Q^T}. Eigenvalues at or below
     * {@code 1e-9 * max|lambda|} count as zero, and zero to a negative power as zero (the pseudo-inverse), so a
     * singular matrix, such as the covariance of a grey picture, is handled along the directions it has.
     */
    public double[][] power(double p) {
        double[][] a = entries();
        double[][] q = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int sweep = 0; sweep < SWEEPS && offDiagonal(a) > 1e-30 * (1 + diagonal(a)); sweep++) {
            for (int i = 0; i < 2; i++) {
                for (int j = i + 1; j < 3; j++) {
                    rotate(a, q, i, j);
                }
            }
        }
        double largest = Math.max(Math.abs(a[0][0]), Math.max(Math.abs(a[1][1]), Math.abs(a[2][2])));
        double[] powered = new double[3];
        for (int k = 0; k < 3; k++) {
            double lambda = a[k][k];
            powered[k] = lambda <= 1e-9 * largest ? (p < 0 || lambda <= 0 ? 0 : Math.pow(Math.max(lambda, 0), p))
                    : Math.pow(lambda, p);
        }
        double[][] out = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += q[i][k] * powered[k] * q[j][k];
                }
                out[i][j] = sum;
            }
        }
        return out;
    }

    /** One Jacobi rotation zeroing {@code a[i][j]}; {@code q} collects the rotations (its columns: eigenvectors). */
    private static void rotate(double[][] a, double[][] q, int i, int j) {
        if (a[i][j] == 0) {
            return;
        }
        double theta = (a[j][j] - a[i][i]) / (2 * a[i][j]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < 3; k++) {
            double aki = a[k][i];
            double akj = a[k][j];
            a[k][i] = c * aki - s * akj;
            a[k][j] = s * aki + c * akj;
        }
        for (int k = 0; k < 3; k++) {
            double aik = a[i][k];
            double ajk = a[j][k];
            a[i][k] = c * aik - s * ajk;
            a[j][k] = s * aik + c * ajk;
        }
        for (int k = 0; k < 3; k++) {
            double qki = q[k][i];
            double qkj = q[k][j];
            q[k][i] = c * qki - s * qkj;
            q[k][j] = s * qki + c * qkj;
        }
    }

    private static double offDiagonal(double[][] a) {
        return a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
    }

    private static double diagonal(double[][] a) {
        return a[0][0] * a[0][0] + a[1][1] * a[1][1] + a[2][2] * a[2][2];
    }

    @Override
    public String toString() {
        return Arrays.deepToString(m);
    }
}
