package dev.nst.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.RgbImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageFilesReadTest {

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- pictures that read

    @Test
    void aPngRoundTripsExactly() {
        RgbImage image = RgbImage.ofPackedRgb(13, 7, new Random(3).ints(13 * 7, 0, 1 << 24).toArray());
        Path file = dir.resolve("noise.png");

        ImageFiles.write(image, file);

        assertThat(ImageFiles.read(file)).isEqualTo(image);
    }

    @Test
    void aJpegRoundTripsClosely() {
        RgbImage image = smoothImage(64, 48);
        Path file = dir.resolve("smooth.jpg");

        ImageFiles.write(image, file);
        RgbImage back = ImageFiles.read(file);

        float[] expected = image.planes();
        float[] actual = back.planes();
        double sumAbs = 0;
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            sumAbs += d;
            max = Math.max(max, d);
        }
        assertThat(sumAbs / expected.length).as("mean absolute error").isLessThan(2.0);
        assertThat(max).as("largest error").isLessThan(16.0);
    }

    @Test
    void transparencyIsCompositedOverWhite() throws IOException {
        // given transparent red, opaque blue, half-transparent black and 3/4-opaque green
        BufferedImage argb = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 4, 1, new int[] {0x00ff0000, 0xff0000ff, 0x80000000, 0xbf00ff00}, 0, 4);
        Path file = dir.resolve("alpha.png");
        ImageIO.write(argb, "png", file.toFile());

        RgbImage image = ImageFiles.read(file);

        int g = (0xff * 0xbf + 255 * (255 - 0xbf) + 127) / 255;
        int rb = (255 * (255 - 0xbf) + 127) / 255;
        assertThat(image.toPackedRgb()).containsExactly(0xffffff, 0x0000ff, 0x7f7f7f, rb << 16 | g << 8 | rb);
    }

    @Test
    void anEightBitGreyPngReadsAsEqualRedGreenBlueOfTheStoredValue() throws IOException {
        int[] grey = {0, 50, 128, 200, 255, 1};
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < grey.length; i++) {
            image.getRaster().setSample(i % 3, i / 3, 0, grey[i]);
        }
        Path file = dir.resolve("grey.png");
        ImageIO.write(image, "png", file.toFile());

        RgbImage read = ImageFiles.read(file);

        assertThat(read.toPackedRgb()).containsExactly(Arrays.stream(grey).map(v -> v << 16 | v << 8 | v).toArray());
    }

    @Test
    void aSixteenBitGreyPngIsScaledToEightBits() throws IOException {
        int[] grey = {0, 257 * 50, 257 * 128 + 100, 65535};
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        for (int i = 0; i < grey.length; i++) {
            image.getRaster().setSample(i, 0, 0, grey[i]);
        }
        Path file = dir.resolve("grey16.png");
        ImageIO.write(image, "png", file.toFile());

        RgbImage read = ImageFiles.read(file);

        assertThat(read.toPackedRgb()).containsExactly(0, 0x323232, 0x808080, 0xffffff);
    }

    @Test
    void aGreyPngWithAlphaIsCompositedOverWhite() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(3, 1);
        raster.setPixels(0, 0, 3, 1, new int[] {100, 255, 100, 0, 0, 128});
        Path file = dir.resolve("grey-alpha.png");
        ImageIO.write(new BufferedImage(model, raster, false, null), "png", file.toFile());

        RgbImage read = ImageFiles.read(file);

        int half = (255 * 127 + 127) / 255;
        assertThat(read.toPackedRgb()).containsExactly(0x646464, 0xffffff, half << 16 | half << 8 | half);
    }

    @Test
    void aGreyJpegKeepsItsBrightness() throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.getRaster().setSample(x, y, 0, 100);
            }
        }
        Path file = dir.resolve("grey.jpg");
        ImageIO.write(image, "jpeg", file.toFile());

        RgbImage read = ImageFiles.read(file);

        for (int channel = 0; channel < 3; channel++) {
            assertThat(read.sample(channel, 8, 8)).isBetween(98f, 102f);
        }
    }

    // ---------------------------------------------------------------- files that do not read

    @Test
    void bytesThatAreNoImageAreRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.png"), "these are not the pixels you are looking for");

        assertThatThrownBy(() -> ImageFiles.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("not an image in a supported format");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.jpg"));

        assertThatThrownBy(() -> ImageFiles.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {30, 50, 90})
    void aTruncatedPngIsRefused(int percentKept) throws IOException {
        byte[] png = ImageFiles.encode(noisyImage(40, 30), "png");
        Path file = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length * percentKept / 100));

        assertThatThrownBy(() -> ImageFiles.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("truncated");
    }

    @ParameterizedTest
    @ValueSource(ints = {30, 50, 90})
    void aTruncatedJpegIsRefusedRatherThanReadWithGreyRows(int percentKept) throws IOException {
        byte[] jpeg = ImageFiles.encode(noisyImage(64, 48), "jpg");
        Path file = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length * percentKept / 100));

        assertThatThrownBy(() -> ImageFiles.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("truncated");
    }

    @Test
    void aDirectoryIsRefused() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("pictures.png"));

        assertThatThrownBy(() -> ImageFiles.read(folder))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(folder + ": is a directory, not an image");
    }

    @Test
    void aMissingFileIsRefused() {
        Path file = dir.resolve("missing.png");

        assertThatThrownBy(() -> ImageFiles.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": no such file");
    }

    // ---------------------------------------------------------------- headers and size limits

    @Test
    void dimensionsComeFromTheHeaderWithoutDecodingThePixels() {
        // given a PNG whose pixel data is cut off: it cannot be decoded, but its header is intact
        byte[] png = ImageFiles.encode(noisyImage(40, 30), "png");
        byte[] headerOnly = Arrays.copyOf(png, 64);
        assertThatThrownBy(() -> ImageFiles.decode(headerOnly, "cut.png", ImageFiles.DEFAULT_MAX_PIXELS))
                .isInstanceOf(InvalidInputException.class);

        // when
        ImageFiles.Dimensions size = ImageFiles.dimensions(headerOnly, "cut.png");

        // then
        assertThat(size).isEqualTo(new ImageFiles.Dimensions(40, 30));
        assertThat(size.pixels()).isEqualTo(1200);
    }

    @Test
    void dimensionsOfBytesThatAreNoImageAreRefused() {
        assertThatThrownBy(() -> ImageFiles.dimensions(new byte[] {1, 2, 3}, "junk.bin"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("junk.bin: ");
    }

    @Test
    void anImageOverThePixelLimitIsRefusedFromItsHeaderAlone() throws IOException {
        // given a tiny PNG whose header claims 30000 x 30000 pixels: decoding it would allocate 2.7 GB
        byte[] huge = withClaimedSize(ImageFiles.encode(noisyImage(4, 4), "png"), 30_000, 30_000);
        Path file = Files.write(dir.resolve("huge.png"), huge);
        assertThat(ImageFiles.dimensions(huge, "huge.png")).isEqualTo(new ImageFiles.Dimensions(30_000, 30_000));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();

        // when / then
        assertThatThrownBy(() -> ImageFiles.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": 30000x30000 px is larger than the limit of 100 megapixels");
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(allocated).as("bytes allocated while refusing").isLessThan(64L << 20);
        assertThat(millis).as("milliseconds spent refusing").isLessThan(2_000);
    }

    @Test
    void theLimitIsInclusiveAndAdjustable() {
        byte[] png = ImageFiles.encode(noisyImage(10, 10), "png");

        assertThat(ImageFiles.decode(png, "ten.png", 100).width()).isEqualTo(10);
        assertThatThrownBy(() -> ImageFiles.decode(png, "ten.png", 99))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("ten.png: 10x10 px is larger than the limit");
    }

    // ---------------------------------------------------------------- helpers

    /** Rewrites the width and height in a PNG's IHDR chunk and fixes the chunk's CRC. */
    private static byte[] withClaimedSize(byte[] png, int width, int height) {
        byte[] patched = png.clone();
        ByteBuffer buffer = ByteBuffer.wrap(patched);
        assertThat(new String(patched, 12, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("IHDR");
        buffer.putInt(16, width);
        buffer.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(patched, 12, 4 + 13);
        buffer.putInt(29, (int) crc.getValue());
        return patched;
    }

    static RgbImage noisyImage(int width, int height) {
        return RgbImage.ofPackedRgb(width, height, new Random(width * 31L + height).ints(width * height, 0, 1 << 24).toArray());
    }

    static RgbImage smoothImage(int width, int height) {
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = 255 * x / (width - 1);
                int g = 255 * y / (height - 1);
                int b = (int) (127 + 100 * Math.sin((x + y) / 9.0));
                pixels[y * width + x] = r << 16 | g << 8 | b;
            }
        }
        return RgbImage.ofPackedRgb(width, height, pixels);
    }
}
