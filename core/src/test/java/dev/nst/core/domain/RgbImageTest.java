package dev.nst.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RgbImageTest {

    // ---------------------------------------------------------------- pixels

    @Test
    void packedRgbRoundTripsExactly() {
        int[] pixels = new Random(1).ints(6 * 4, 0, 1 << 24).toArray();

        RgbImage image = RgbImage.ofPackedRgb(6, 4, pixels);

        assertThat(image.toPackedRgb()).containsExactly(pixels);
    }

    @Test
    void packedPixelsAreSplitIntoRedGreenBluePlanes() {
        RgbImage image = RgbImage.ofPackedRgb(2, 1, new int[] {0x102030, 0xa0b0c0});

        assertThat(image.planes()).containsExactly(0x10, 0xa0, 0x20, 0xb0, 0x30, 0xc0);
        assertThat(image.sample(0, 1, 0)).isEqualTo(0xa0);
        assertThat(image.sample(2, 0, 0)).isEqualTo(0x30);
    }

    @Test
    void theAlphaByteOfPackedPixelsIsIgnored() {
        RgbImage image = RgbImage.ofPackedRgb(1, 1, new int[] {0x80123456});

        assertThat(image.toPackedRgb()).containsExactly(0x123456);
    }

    @Test
    void toPackedRgbClampsAndRoundsToTheNearestInteger() {
        // given red samples out of range and between integers
        float[] red = {-20f, 300f, 127.4f, 127.5f, 254.6f, 0.49f};
        float[] planes = new float[18];
        System.arraycopy(red, 0, planes, 0, 6);

        int[] packed = RgbImage.ofPlanes(6, 1, planes).toPackedRgb();

        assertThat(packed).containsExactly(0, 255 << 16, 127 << 16, 128 << 16, 255 << 16, 0);
    }

    @Test
    void theImageIsImmutable() {
        float[] planes = {1, 2, 3};
        RgbImage image = RgbImage.ofPlanes(1, 1, planes);

        planes[0] = 99;
        image.planes()[1] = 99;

        assertThat(image.planes()).containsExactly(1, 2, 3);
    }

    @Test
    void badDimensionsAreRejected() {
        assertThatThrownBy(() -> RgbImage.ofPlanes(0, 3, new float[0]))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("0x3");
        assertThatThrownBy(() -> RgbImage.ofPlanes(2, 2, new float[11]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 12 samples, got 11");
        assertThatThrownBy(() -> RgbImage.ofPackedRgb(2, 2, new int[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 4 pixels, got 3");
    }

    // ---------------------------------------------------------------- resizing

    @ParameterizedTest
    @CsvSource({
            "40, 30, 20, 20, 15",
            "30, 40, 20, 15, 20",
            "33, 20, 66, 66, 40",
            "20, 20, 7, 7, 7",
            "100, 1, 10, 10, 1",
            "101, 50, 10, 10, 5"})
    void resizingToALongestSideKeepsTheAspectRatio(int width, int height, int longest, int newWidth, int newHeight) {
        RgbImage image = gradient(width, height);

        RgbImage resized = image.resizeLongestSide(longest);

        assertThat(resized.width()).isEqualTo(newWidth);
        assertThat(resized.height()).isEqualTo(newHeight);
        assertThat(resized.longestSide()).isEqualTo(longest);
    }

    @Test
    void anImageAlreadyThatSizeIsReturnedAsItIs() {
        RgbImage image = gradient(40, 30);

        assertThat(image.resizeLongestSide(40)).isSameAs(image);
        assertThat(image.resize(40, 30)).isSameAs(image);
    }

    @Test
    void aSizeMustBePositive() {
        assertThatThrownBy(() -> gradient(4, 4).resizeLongestSide(0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("size must be positive, got 0");
    }

    @Test
    void shrinkingAFineCheckerboardAveragesItToMidGrey() {
        // given black and white alternating pixels: nearest-neighbour sampling would keep only one of the two
        int size = 64;
        int[] pixels = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                pixels[y * size + x] = (x + y) % 2 == 0 ? 0xffffff : 0x000000;
            }
        }
        RgbImage checkerboard = RgbImage.ofPackedRgb(size, size, pixels);

        // when
        RgbImage small = checkerboard.resize(8, 8);

        // then every output pixel is close to the mean of the pixels it covers
        for (float v : small.planes()) {
            assertThat(v).isCloseTo(127.5f, within(4f));
        }
    }

    @Test
    void shrinkingByANonIntegerFactorAlsoAntialiases() {
        int[] pixels = new int[90 * 60];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % 90 + i / 90) % 2 == 0 ? 0xffffff : 0;
        }

        RgbImage small = RgbImage.ofPackedRgb(90, 60, pixels).resizeLongestSide(37);

        for (float v : small.planes()) {
            assertThat(v).isCloseTo(127.5f, within(12f));
        }
    }

    @Test
    void enlargingAConstantImageKeepsItConstant() {
        float[] planes = new float[3 * 5 * 3];
        java.util.Arrays.fill(planes, 0, 15, 200f);
        java.util.Arrays.fill(planes, 15, 30, 17f);
        java.util.Arrays.fill(planes, 30, 45, 255f);

        RgbImage big = RgbImage.ofPlanes(5, 3, planes).resize(23, 14);

        for (int y = 0; y < 14; y++) {
            for (int x = 0; x < 23; x++) {
                assertThat(big.sample(0, x, y)).isCloseTo(200f, within(1e-3f));
                assertThat(big.sample(1, x, y)).isCloseTo(17f, within(1e-3f));
                assertThat(big.sample(2, x, y)).isCloseTo(255f, within(1e-3f));
            }
        }
    }

    @Test
    void resizingASmoothGradientKeepsItsMeanBrightness() {
        RgbImage image = gradient(80, 60);

        assertThat(mean(image.resize(25, 19))).isCloseTo(mean(image), within(1.0));
        assertThat(mean(image.resize(200, 150))).isCloseTo(mean(image), within(1.0));
    }

    @Test
    void resizingAGradientKeepsItMonotonic() {
        RgbImage resized = gradient(80, 60).resize(25, 19);

        for (int x = 1; x < 25; x++) {
            assertThat(resized.sample(0, x, 10)).isGreaterThan(resized.sample(0, x - 1, 10));
        }
    }

    @Test
    void bicubicOvershootIsClampedToTheSampleRange() {
        // a hard black/white edge makes a bicubic filter ring below 0 and above 255
        int[] pixels = new int[16 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i % 16 < 8 ? 0 : 0xffffff;
        }

        RgbImage big = RgbImage.ofPackedRgb(16, 4, pixels).resize(64, 16);

        for (float v : big.planes()) {
            assertThat(v).isBetween(0f, 255f);
        }
    }

    private static RgbImage gradient(int width, int height) {
        float[] planes = new float[3 * width * height];
        int n = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                planes[y * width + x] = 255f * x / (width - 1);
                planes[n + y * width + x] = 255f * y / Math.max(1, height - 1);
                planes[2 * n + y * width + x] = 100;
            }
        }
        return RgbImage.ofPlanes(width, height, planes);
    }

    private static double mean(RgbImage image) {
        double sum = 0;
        for (float v : image.planes()) {
            sum += v;
        }
        return sum / (3.0 * image.width() * image.height());
    }
}
