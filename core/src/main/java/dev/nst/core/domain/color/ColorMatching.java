package dev.nst.core.domain.color;

import dev.nst.core.domain.RgbImage;

/**
 * Colour histogram matching (Gatys et al. 2017, section 5.2): a style image's pixels {@code x} become
 * {@code x' = A (x - mu_s) + mu_c}, so that their mean is the content's {@code mu_c} and their covariance
 * {@code A Sigma_s A^T} is the content's {@code Sigma_c}.
 *
 * <p>{@code A = Sigma_c^(1/2) Sigma_s^(-1/2)}, with the symmetric square roots of the eigendecomposition (the paper's
 * "image analogies" variant) rather than Cholesky factors: any {@code A = Sigma_c^(1/2) R Sigma_s^(-1/2)} with
 * {@code R} orthogonal meets the statistics, and this one is the choice with {@code R = I}, which does not depend on
 * the order of the channels (Cholesky factors do) and moves the colours least. Samples are not clamped to 0..255, so
 * the statistics are met exactly; the network takes such values as they are. A style whose colours span fewer than
 * three dimensions (a grey picture) is matched along the ones it has ({@link SymmetricMatrix3#power}).
 */
public final class ColorMatching {

    private ColorMatching() {
    }

    /** {@code style} recoloured to the mean and covariance {@code target} (its transparency kept). */
    public static RgbImage recolour(RgbImage style, ColorStatistics target) {
        ColorStatistics own = ColorStatistics.of(style);
        double[][] a = multiply(target.covariance().power(0.5), own.covariance().power(-0.5));
        double[] ms = own.mean();
        double[] mc = target.mean();
        float[] p = style.planes();
        int n = style.width() * style.height();
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double r = p[i] - ms[0];
            double g = p[n + i] - ms[1];
            double b = p[2 * n + i] - ms[2];
            for (int c = 0; c < 3; c++) {
                out[c * n + i] = (float) (a[c][0] * r + a[c][1] * g + a[c][2] * b + mc[c]);
            }
        }
        return RgbImage.ofPlanes(style.width(), style.height(), out).withAlphaOf(style);
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        double[][] out = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    out[i][j] += x[i][k] * y[k][j];
                }
            }
        }
        return out;
    }
}
