package dev.nst.core.domain.color;

import dev.nst.core.domain.RgbImage;

/**
 * Luminance-only transfer (Gatys et al. 2017, section 5.1): the network sees only luminance, as three equal
 * channels; each style's luminance is first shifted and scaled to the content's mean and standard deviation, so that
 * the style's contrast, not its brightness, is what is transferred. The content's chrominance is put back afterwards
 * with {@link Yuv#withChrominanceOf}.
 */
public final class LuminanceTransfer {

    private LuminanceTransfer() {
    }

    /** The mean and standard deviation of a picture's luma. */
    public record LumaStatistics(double mean, double standardDeviation) {

        public static LumaStatistics of(RgbImage image) {
            float[] y = Yuv.luma(image);
            double sum = 0;
            for (float v : y) {
                sum += v;
            }
            double mean = sum / y.length;
            double squares = 0;
            for (float v : y) {
                squares += (v - mean) * (v - mean);
            }
            return new LumaStatistics(mean, Math.sqrt(squares / y.length));
        }
    }

    /** {@code image}'s luma as three equal channels (its transparency kept). */
    public static RgbImage grey(RgbImage image) {
        return threeChannels(image, Yuv.luma(image));
    }

    /**
     * {@code style}'s luma {@code y}, as three equal channels, moved to {@code content}'s statistics:
     * {@code (y - mean_s) * std_c / std_s + mean_c}. A flat style (no deviation) is only shifted. Samples are not
     * clamped, so the statistics are met exactly.
     */
    public static RgbImage matched(RgbImage style, LumaStatistics content) {
        LumaStatistics own = LumaStatistics.of(style);
        double scale = own.standardDeviation() > 1e-6 ? content.standardDeviation() / own.standardDeviation() : 1.0;
        float[] y = Yuv.luma(style);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) ((y[i] - own.mean()) * scale + content.mean());
        }
        return threeChannels(style, y);
    }

    private static RgbImage threeChannels(RgbImage like, float[] y) {
        int n = y.length;
        float[] planes = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(y, 0, planes, c * n, n);
        }
        return RgbImage.ofPlanes(like.width(), like.height(), planes).withAlphaOf(like);
    }
}
