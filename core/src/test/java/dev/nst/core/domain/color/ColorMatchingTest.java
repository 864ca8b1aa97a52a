package dev.nst.core.domain.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.RgbImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColorMatchingTest {

    @Test
    void theRecolouredStylesMeanAndCovarianceAreTheContentsWithin1e3() {
        RgbImage content = correlatedPicture(40, 30, 7, new double[][] {{50, 0, 0}, {30, 20, 0}, {-10, 5, 8}},
                new double[] {120, 90, 60});
        RgbImage style = correlatedPicture(25, 35, 8, new double[][] {{10, 0, 0}, {-5, 40, 0}, {20, 20, 30}},
                new double[] {40, 160, 200});
        ColorStatistics target = ColorStatistics.of(content);

        RgbImage recoloured = ColorMatching.recolour(style, target);

        ColorStatistics actual = ColorStatistics.of(recoloured);
        for (int c = 0; c < 3; c++) {
            assertThat(actual.mean()[c]).as("mean of channel %d", c).isCloseTo(target.mean()[c], within(1e-3));
            for (int d = 0; d < 3; d++) {
                assertThat(actual.covariance().get(c, d)).as("covariance %d,%d", c, d)
                        .isCloseTo(target.covariance().get(c, d), within(1e-3));
            }
        }
    }

    @Test
    void theTransformDoesNotDependOnTheOrderOfTheChannels() {
        RgbImage content = YuvTest.randomPicture(16, 16, 9);
        RgbImage style = correlatedPicture(16, 16, 10, new double[][] {{30, 0, 0}, {10, 25, 0}, {5, -5, 12}},
                new double[] {100, 100, 100});

        RgbImage direct = ColorMatching.recolour(style, ColorStatistics.of(content));
        RgbImage viaSwapped = swapRedBlue(ColorMatching.recolour(swapRedBlue(style),
                ColorStatistics.of(swapRedBlue(content))));

        float[] a = direct.planes();
        float[] b = viaSwapped.planes();
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(1e-2f));
        }
    }

    @Test
    void aGreyStyleIsMatchedAlongTheOneDirectionItHas() {
        int[] rgb = new int[64];
        for (int i = 0; i < rgb.length; i++) {
            int v = i * 4;
            rgb[i] = v << 16 | v << 8 | v;
        }
        RgbImage grey = RgbImage.ofPackedRgb(8, 8, rgb);
        ColorStatistics target = ColorStatistics.of(YuvTest.randomPicture(8, 8, 11));

        RgbImage recoloured = ColorMatching.recolour(grey, target);

        ColorStatistics actual = ColorStatistics.of(recoloured);
        for (int c = 0; c < 3; c++) {
            assertThat(actual.mean()[c]).isCloseTo(target.mean()[c], within(1e-3));
        }
        for (float v : recoloured.planes()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void squareRootsOfACovarianceMultiplyBackToIt() {
        SymmetricMatrix3 m = ColorStatistics.of(YuvTest.randomPicture(10, 10, 12)).covariance();

        double[][] root = m.power(0.5);
        double[][] inverseRoot = m.power(-0.5);

        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double square = 0;
                double identity = 0;
                for (int k = 0; k < 3; k++) {
                    square += root[i][k] * root[k][j];
                    identity += root[i][k] * inverseRoot[k][j];
                }
                assertThat(square).isCloseTo(m.get(i, j), within(1e-6 * Math.abs(m.get(0, 0))));
                assertThat(identity).isCloseTo(i == j ? 1 : 0, within(1e-9));
                assertThat(root[i][j]).as("symmetric").isCloseTo(root[j][i], within(1e-9));
            }
        }
    }

    @Test
    void aDiagonalMatrixHasItsEntriesPowered() {
        double[][] p = new SymmetricMatrix3(new double[][] {{4, 0, 0}, {0, 9, 0}, {0, 0, 0}}).power(-0.5);

        assertThat(p[0][0]).isCloseTo(0.5, within(1e-12));
        assertThat(p[1][1]).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(p[2][2]).as("zero to a negative power counts as zero").isEqualTo(0.0);
    }

    /** Pixels {@code mean + L z} with {@code z} standard normal: covariance {@code L L^T}. */
    private static RgbImage correlatedPicture(int width, int height, long seed, double[][] l, double[] mean) {
        Random random = new Random(seed);
        int n = width * height;
        float[] planes = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double[] z = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            for (int c = 0; c < 3; c++) {
                planes[c * n + i] = (float) (mean[c] + l[c][0] * z[0] + l[c][1] * z[1] + l[c][2] * z[2]);
            }
        }
        return RgbImage.ofPlanes(width, height, planes);
    }

    private static RgbImage swapRedBlue(RgbImage image) {
        float[] p = image.planes();
        int n = image.width() * image.height();
        float[] out = p.clone();
        System.arraycopy(p, 0, out, 2 * n, n);
        System.arraycopy(p, 2 * n, out, 0, n);
        return RgbImage.ofPlanes(image.width(), image.height(), out);
    }
}
