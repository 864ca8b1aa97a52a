package dev.nst.core.image;

import static dev.nst.core.image.PictureFixtures.decode;
import static dev.nst.core.image.PictureFixtures.largestDifference;
import static dev.nst.core.image.PictureFixtures.upright;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pictures as people have them: every format read as it looks, upright, in sRGB, at its depth, with its alpha. */
class PictureFormatsTest {

    @ParameterizedTest(name = "{0} within {1}")
    @CsvSource({
        // lossless formats exactly; a 64-colour palette and JPEG's halved chroma on this steep gradient within their
        // loss (a turned or mirrored picture would be off by more than 100)
        "rgb8.png, 0", "palette.png, 30", "rgb8.tif, 0", "lzw.tif, 0", "deflate.tif, 0", "lossless.webp, 0",
        "rgb8.bmp, 0", "two-frames.gif, 8", "baseline.jpg, 20", "progressive.jpg, 20", "lossy.webp, 40",
        "cmyk.jpg, 20"
    })
    void everyFormatReadsAsThePicture(String name, double tolerance) {
        RgbImage image = decode(name);

        assertThat(largestDifference(image, upright())).as(name).isLessThanOrEqualTo(tolerance);
        assertThat(image.hasAlpha()).isFalse();
    }

    @Test
    void greyPicturesReadAsEqualRedGreenAndBlue() {
        RgbImage grey = decode("grey.png");
        RgbImage grey16 = decode("grey16.png");

        float[] eight = grey.planes();
        float[] sixteen = grey16.planes();
        int n = grey.width() * grey.height();
        for (int i = 0; i < n; i++) {
            assertThat(eight[n + i]).isEqualTo(eight[i]);
            // grey16.png holds v * 257 + 3 for each 8-bit grey v: the +3 survives as a fraction of a level
            assertThat((double) sixteen[i]).isCloseTo(eight[i] + 3 * 255.0 / 65535, within(1e-4));
        }
        assertThat(decode("grey16.tif").planes()).containsExactly(sixteen);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rgb16.png", "rgb16.tif"})
    void sixteenBitSamplesKeepTheirPrecision(String name) {
        float[] read = decode(name).planes();
        int[] stored = PictureFixtures.sixteenBit();

        for (int i = 0; i < stored.length; i++) {
            assertThat((double) read[i]).as("sample %d", i).isCloseTo(stored[i] * 255.0 / 65535, within(1e-4));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rgba.png", "alpha.webp", "rgba16.png"})
    void transparencyIsKeptBesideTheColoursWhichShowOverWhite(String name) {
        RgbImage image = decode(name);

        assertThat(image.hasAlpha()).isTrue();
        float[] alpha = image.alpha();
        int[] expected = PictureFixtures.alpha();
        float[] colour = image.planes();
        float[] opaque = name.equals("rgba16.png") ? sixteenBitPlanes() : upright().planes();
        int n = expected.length;
        for (int i = 0; i < n; i++) {
            assertThat((double) alpha[i]).as("alpha %d", i).isCloseTo(expected[i], within(0.01));
            for (int c = 0; c < 3; c++) {
                double over = (opaque[c * n + i] * alpha[i] + 255.0 * (255 - alpha[i])) / 255;
                assertThat((double) colour[c * n + i]).as("channel %d at %d", c, i).isCloseTo(over, within(0.01));
            }
        }
    }

    private static float[] sixteenBitPlanes() {
        int[] stored = PictureFixtures.sixteenBit();
        float[] planes = new float[stored.length];
        for (int i = 0; i < stored.length; i++) {
            planes[i] = (float) (stored[i] * 255.0 / 65535);
        }
        return planes;
    }

    @ParameterizedTest(name = "orientation {0} in {1}")
    @CsvSource({
        "1, jpg", "2, jpg", "3, jpg", "4, jpg", "5, jpg", "6, jpg", "7, jpg", "8, jpg",
        "1, png", "2, png", "3, png", "4, png", "5, png", "6, png", "7, png", "8, png",
        "1, webp", "2, webp", "3, webp", "4, webp", "5, webp", "6, webp", "7, webp", "8, webp",
        "1, tif", "2, tif", "3, tif", "4, tif", "5, tif", "6, tif", "7, tif", "8, tif"
    })
    void everyExifOrientationIsTurnedUprightBeforeAnythingElse(int orientation, String format) {
        String name = "orientation-" + orientation + "." + format;
        byte[] bytes = PictureFixtures.bytes(name);

        assertThat(ImageHeaders.of(bytes).orientation().tag()).isEqualTo(orientation);
        assertThat(ImageFiles.dimensions(bytes, name)).isEqualTo(new ImageFiles.Dimensions(16, 10));
        assertThat(largestDifference(decode(name), upright())).isLessThanOrEqualTo(format.equals("jpg") ? 20 : 0);
    }

    @Test
    void aPhonePortraitStoredSidewaysHasItsUprightSizeFromTheHeader() {
        byte[] phone = PictureFixtures.bytes("phone-6.jpg");

        assertThat(ImageFiles.dimensions(phone, "phone-6.jpg")).isEqualTo(new ImageFiles.Dimensions(60, 100));
        RgbImage image = decode("phone-6.jpg");
        assertThat(image.width()).isEqualTo(60);
        assertThat(image.height()).isEqualTo(100);
        // stored: red = 2x left to right; upright after a quarter turn clockwise, red grows top to bottom
        assertThat(image.sample(0, 30, 0)).isLessThan(image.sample(0, 30, 99));
        assertThat(image.resizeLongestSide(64).width()).isEqualTo(38);
    }

    @Test
    void theLimitOnPixelsCountsTheUprightPicture() {
        byte[] phone = PictureFixtures.bytes("phone-6.jpg");

        assertThatThrownBy(() -> ImageFiles.decode(phone, "phone-6.jpg", 5999))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("phone-6.jpg: 60x100 px is larger than the limit of 0 megapixels");
    }

    @ParameterizedTest(name = "{0} within {1}")
    @CsvSource({"wide-gamut.png, 1", "wide-gamut.webp, 1", "wide-gamut.tif, 1", "wide-gamut.jpg, 8"})
    void anEmbeddedColourProfileIsConvertedToSrgbAsLittleCmsConvertsIt(String name, double tolerance) {
        RgbImage reference = decode("wide-gamut-srgb.png");
        RgbImage image = decode(name);

        assertThat(ImageHeaders.of(PictureFixtures.bytes(name)).profile()).as("the profile is found").isNotNull();
        assertThat(largestDifference(image, reference)).isLessThanOrEqualTo(tolerance);
        // and the conversion is not nothing: the wide-gamut values differ from the same numbers taken as sRGB
        assertThat(largestDifference(image, upright())).isGreaterThan(20);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truncated.png", "truncated.jpg", "truncated.webp", "truncated.tif", "truncated.bmp",
        "truncated.gif", "corrupt.webp", "corrupt.tif"})
    void brokenFilesOfEveryFormatAreRefusedNamingTheFile(String name) {
        assertThatThrownBy(() -> decode(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(name + ": ")
                .hasMessageNotContaining("\n");
    }
}
