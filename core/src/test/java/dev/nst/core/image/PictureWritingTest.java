package dev.nst.core.image;

import static dev.nst.core.image.PictureFixtures.decode;
import static dev.nst.core.image.PictureFixtures.largestDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Results as PNG, JPEG and TIFF: their depth, their transparency, their colour space and how they were made. */
class PictureWritingTest {

    private static final Map<String, String> MAKING = making();

    @TempDir
    Path dir;

    private static Map<String, String> making() {
        Map<String, String> text = new LinkedHashMap<>();
        text.put("Software", "nst 0.1.0-test");
        text.put("Description", "nst transfer --content café.jpg --style swirls.jpg --size 512 --seed 7");
        return text;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"out.png", "out.tif"})
    void sixteenBitResultsRoundTripWithinOneSixteenBitLevel(String name) {
        RgbImage image = decode("rgb16.png");
        Path file = dir.resolve(name);

        ImageFiles.write(image, file, new OutputOptions(ImageFormat.of(file), 16, 95, Map.of()));

        float[] written = ImageFiles.read(file).planes();
        float[] original = image.planes();
        for (int i = 0; i < original.length; i++) {
            assertThat((double) written[i]).isCloseTo(original[i], within(255.0 / 65535));
        }
        assertThat(ImageFiles.info(file).bitsPerSample()).isEqualTo(16);
    }

    @Test
    void eightBitsIsPngsDefaultAndSixteenTiffs() {
        Path png = dir.resolve("a.png");
        Path tif = dir.resolve("a.tif");

        ImageFiles.write(decode("rgb16.png"), png);
        ImageFiles.write(decode("rgb16.png"), tif);

        assertThat(ImageFiles.info(png).bitsPerSample()).isEqualTo(8);
        assertThat(ImageFiles.info(tif).bitsPerSample()).isEqualTo(16);
        assertThat(largestDifference(ImageFiles.read(png), decode("rgb16.png"))).isLessThanOrEqualTo(0.5);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ImageFormat.class, names = {"PNG", "TIFF"})
    void transparencyIsWrittenWhereTheFormatHoldsIt(ImageFormat format) {
        RgbImage image = decode("rgba.png");
        Path file = dir.resolve("alpha." + format.extension());

        ImageFiles.write(image, file, OutputOptions.of(format));

        RgbImage read = ImageFiles.read(file);
        assertThat(read.hasAlpha()).isTrue();
        float[] alpha = read.alpha();
        float[] expected = image.alpha();
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) alpha[i]).isCloseTo(expected[i], within(0.01));
        }
        assertThat(ImageFiles.info(file).alpha()).isTrue();
    }

    @Test
    void aJpegIsOpaqueItsColoursAsTheyShowOverWhite() throws IOException {
        RgbImage image = decode("rgba.png");
        Path file = dir.resolve("flat.jpg");

        ImageFiles.write(image, file);

        RgbImage read = ImageFiles.read(file);
        assertThat(read.hasAlpha()).isFalse();
        assertThat(largestDifference(read, image.withAlphaOf(RgbImage.ofPlanes(1, 1, new float[3]))))
                .isLessThanOrEqualTo(20);
    }

    @Test
    void jpegQualityIsTheOneAskedFor() throws IOException {
        RgbImage image = ImageFilesReadTest.noisyImage(64, 48);
        Path low = dir.resolve("low.jpg");
        Path high = dir.resolve("high.jpg");

        ImageFiles.write(image, low, new OutputOptions(ImageFormat.JPEG, 8, 30, Map.of()));
        ImageFiles.write(image, high, new OutputOptions(ImageFormat.JPEG, 8, 100, Map.of()));

        assertThat(Files.size(low)).isLessThan(Files.size(high) / 2);
        assertThat(largestDifference(ImageFiles.read(high), image))
                .isLessThan(largestDifference(ImageFiles.read(low), image));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ImageFormat.class)
    void theMakingOfAResultRoundTripsThroughItsMetadata(ImageFormat format) {
        Path file = dir.resolve("made." + format.extension());

        ImageFiles.write(PictureFixtures.upright(), file, OutputOptions.of(format).withText(MAKING));

        assertThat(ImageFiles.info(file).text()).containsAllEntriesOf(MAKING);
    }

    @Test
    void resultsAreTaggedSrgb() throws IOException {
        Path png = dir.resolve("tagged.png");
        Path tif = dir.resolve("tagged.tif");

        ImageFiles.write(PictureFixtures.upright(), png);
        ImageFiles.write(PictureFixtures.upright(), tif);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("sRGB");
        assertThat(ImageFiles.info(tif).profile()).hasValueSatisfying(d -> assertThat(d).containsIgnoringCase("srgb"));
    }

    @Test
    void aJpegHoldsEightBitsOnly() {
        assertThatThrownBy(() -> new OutputOptions(ImageFormat.JPEG, 16, 95, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ImageFormat.JPEG.holds(16)).isFalse();
        assertThat(ImageFormat.TIFF.holds(8)).isTrue();
    }

    @Test
    void infoDescribesAPictureFromItsHeaders() {
        ImageInfo phone = infoOf("phone-6.jpg");
        ImageInfo profiled = infoOf("wide-gamut.png");
        ImageInfo transparent = infoOf("rgba16.png");

        assertThat(phone.orientation()).isEqualTo(Orientation.ROTATE_90);
        assertThat(phone.stored()).isEqualTo(new ImageFiles.Dimensions(100, 60));
        assertThat(phone.upright()).isEqualTo(new ImageFiles.Dimensions(60, 100));
        assertThat(profiled.profile()).hasValue("nst test wide-gamut RGB");
        assertThat(transparent.alpha()).isTrue();
        assertThat(transparent.bitsPerSample()).isEqualTo(16);
        assertThat(transparent.format()).isEqualToIgnoringCase("png");
    }

    private ImageInfo infoOf(String fixture) {
        Path file = dir.resolve(fixture);
        try {
            Files.write(file, PictureFixtures.bytes(fixture));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ImageFiles.info(file);
    }
}
