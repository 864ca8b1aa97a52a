package dev.nst.core.domain.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.RgbImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class YuvTest {

    @Test
    void lumaIsBt601AndWhiteHasNoChrominance() {
        RgbImage white = RgbImage.ofPackedRgb(1, 1, new int[] {0xffffff});
        float[] yuv = Yuv.toYuv(white);

        assertThat(yuv[0]).isCloseTo(255f, within(1e-3f));
        assertThat(yuv[1]).isCloseTo(0f, within(1e-3f));
        assertThat(yuv[2]).isCloseTo(0f, within(1e-3f));
        assertThat(Yuv.luma(255, 0, 0)).isCloseTo(0.299 * 255, within(1e-9));
        assertThat(Yuv.luma(0, 255, 0)).isCloseTo(0.587 * 255, within(1e-9));
    }

    @Test
    void matchesTorchsRgb2yuvCoefficients() {
        // image.rgb2yuv of Torch, which jcjohnson/neural-style's -original_colors uses
        double r = 200;
        double g = 40;
        double b = 90;
        float[] yuv = Yuv.toYuv(RgbImage.ofPlanes(1, 1, new float[] {200, 40, 90}));

        assertThat(yuv[1]).isCloseTo((float) (-0.14713 * r - 0.28886 * g + 0.436 * b), within(1e-2f));
        assertThat(yuv[2]).isCloseTo((float) (0.615 * r - 0.51499 * g - 0.10001 * b), within(1e-2f));
    }

    @Test
    void fromYuvInvertsToYuv() {
        RgbImage image = randomPicture(13, 9, 1);

        RgbImage back = Yuv.fromYuv(13, 9, Yuv.toYuv(image));

        float[] expected = image.planes();
        float[] actual = back.planes();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-3f));
        }
    }

    @Test
    void theResultKeepsTheChrominanceOfTheContentWithinOneLevelEvenWhereTheLuminanceMustBeClamped() {
        RgbImage content = randomPicture(31, 17, 2);
        RgbImage extreme = extremes(31, 17);

        RgbImage combined = Yuv.withChrominanceOf(extreme, content);

        RgbImage saved = RgbImage.ofPackedRgb(31, 17, combined.toPackedRgb());
        assertChrominanceWithinOneLevel(saved, content);
    }

    @Test
    void whereTheChrominanceCanBeShownTheLuminanceIsTheStylisedImages() {
        RgbImage content = RgbImage.ofPackedRgb(1, 1, new int[] {0x806040});
        RgbImage stylised = RgbImage.ofPackedRgb(1, 1, new int[] {0x30a0f0});

        RgbImage combined = Yuv.withChrominanceOf(stylised, content);

        assertThat(Yuv.luma(combined)[0]).isCloseTo(Yuv.luma(stylised)[0], within(1e-3f));
        assertThat(Yuv.toYuv(combined)[1]).isCloseTo(Yuv.toYuv(content)[1], within(1e-3f));
        assertThat(Yuv.toYuv(combined)[2]).isCloseTo(Yuv.toYuv(content)[2], within(1e-3f));
    }

    @Test
    void theContentIsResizedToTheStylisedImageAndItsTransparencyKept() {
        float[] alpha = new float[40 * 20];
        Arrays.fill(alpha, 128f);
        RgbImage content = randomPicture(40, 20, 3).withAlpha(alpha);
        RgbImage stylised = randomPicture(20, 10, 4);

        RgbImage combined = Yuv.withChrominanceOf(stylised, content);

        assertThat(combined.width()).isEqualTo(20);
        assertThat(combined.height()).isEqualTo(10);
        for (float a : combined.alpha()) {
            assertThat(a).isCloseTo(128f, within(1e-3f));
        }
        assertChrominanceWithinOneLevel(RgbImage.ofPackedRgb(20, 10, combined.toPackedRgb()), content.resize(20, 10));
    }

    /** U and V of {@code actual}, in 8-bit levels, within one level of {@code expected}'s everywhere. */
    static void assertChrominanceWithinOneLevel(RgbImage actual, RgbImage expected) {
        float[] a = Yuv.toYuv(actual);
        float[] e = Yuv.toYuv(expected);
        int n = actual.width() * actual.height();
        for (int i = n; i < 3 * n; i++) {
            assertThat(a[i]).as("%s at pixel %d", i < 2 * n ? "U" : "V", i % n).isCloseTo(e[i], within(1f));
        }
    }

    static RgbImage randomPicture(int width, int height, long seed) {
        Random random = new Random(seed);
        int[] rgb = new int[width * height];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextInt(1 << 24);
        }
        return RgbImage.ofPackedRgb(width, height, rgb);
    }

    /** Black, white and saturated pixels in turn: luminances no colourful content pixel can take as they are. */
    private static RgbImage extremes(int width, int height) {
        int[] palette = {0x000000, 0xffffff, 0xff0000, 0x00ff00, 0x0000ff, 0xffff00};
        int[] rgb = new int[width * height];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = palette[i % palette.length];
        }
        return RgbImage.ofPackedRgb(width, height, rgb);
    }
}
