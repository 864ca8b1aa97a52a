package dev.nst.core.image;

import dev.nst.core.domain.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The pictures {@code make_image_fixtures.py} writes, and what they hold. */
final class PictureFixtures {

    static final int WIDTH = 16;
    static final int HEIGHT = 10;

    private PictureFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = PictureFixtures.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name + "; run make_image_fixtures.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RgbImage decode(String name) {
        return ImageFiles.decode(bytes(name), name, ImageFiles.DEFAULT_MAX_PIXELS);
    }

    /** The upright picture: red grows left to right, green top to bottom, blue is 64. */
    static RgbImage upright() {
        int[] pixels = new int[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int r = (int) Math.round(255.0 * x / (WIDTH - 1));
                int g = (int) Math.round(255.0 * y / (HEIGHT - 1));
                pixels[y * WIDTH + x] = r << 16 | g << 8 | 64;
            }
        }
        return RgbImage.ofPackedRgb(WIDTH, HEIGHT, pixels);
    }

    /** The 16-bit samples of {@code rgb16.png} and {@code rgb16.tif}, channel-major. */
    static int[] sixteenBit() {
        int n = WIDTH * HEIGHT;
        int[] samples = new int[3 * n];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int i = y * WIDTH + x;
                samples[i] = 1000 + 37 * x + 911 * y;
                samples[n + i] = 65535 - 1013 * x - 17 * y;
                samples[2 * n + i] = 20000 + 3 * x * y;
            }
        }
        return samples;
    }

    /** The opacity of the RGBA fixtures, 0..255 (rounded half to even, as numpy rounds). */
    static int[] alpha() {
        int[] alpha = new int[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                alpha[y * WIDTH + x] = (int) Math.rint(255.0 * (x + y) / (WIDTH + HEIGHT - 2));
            }
        }
        return alpha;
    }

    /** The largest difference between two pictures' samples (they must have the same size). */
    static double largestDifference(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new AssertionError(a + " and " + b + " differ in size");
        }
        float[] x = a.planes();
        float[] y = b.planes();
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        return worst;
    }
}
