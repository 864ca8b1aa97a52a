package dev.nst.core.domain.color;

import dev.nst.core.domain.RgbImage;

/**
 * The mean colour {@code mu} and the 3 x 3 covariance {@code Sigma} of a picture's pixels (red, green, blue, in
 * 0..255; the covariance divides by the pixel count).
 */
public record ColorStatistics(double[] mean, SymmetricMatrix3 covariance) {

    public ColorStatistics {
        if (mean.length != 3) {
            throw new IllegalArgumentException("a mean colour has 3 channels, got " + mean.length);
        }
        mean = mean.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    public static ColorStatistics of(RgbImage image) {
        float[] p = image.planes();
        int n = image.width() * image.height();
        double[] mean = new double[3];
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += p[c * n + i];
            }
            mean[c] = sum / n;
        }
        double[][] cov = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = a; b < 3; b++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += (p[a * n + i] - mean[a]) * (p[b * n + i] - mean[b]);
                }
                cov[a][b] = sum / n;
                cov[b][a] = cov[a][b];
            }
        }
        return new ColorStatistics(mean, new SymmetricMatrix3(cov));
    }
}
