package dev.nst.bench.torch2;

import dev.nst.core.domain.RgbImage;
import java.util.Random;

/**
 * The pictures {@code nst bench} times: seeded random 8-bit pixels, the content from seed 1 and the style from seed 2
 * (the generator of {@code dev.nst.cli.BenchCommand.syntheticImage}, which is package-private there).
 */
final class SyntheticImages {

    static final long CONTENT_SEED = 1;
    static final long STYLE_SEED = 2;

    private SyntheticImages() {
    }

    static RgbImage content(int size) {
        return image(size, CONTENT_SEED);
    }

    static RgbImage style(int size) {
        return image(size, STYLE_SEED);
    }

    private static RgbImage image(int size, long seed) {
        Random random = new Random(seed);
        int[] pixels = new int[size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        return RgbImage.ofPackedRgb(size, size, pixels);
    }
}
