package dev.nst.weights;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The HDF5 fixtures written by {@code src/test/resources/fixtures/make_keras_fixtures.py}, and the closed form their
 * values follow, so tests can recompute every value a reader should return.
 */
final class KerasFixtures {

    /** Output channels of blocks 1..5 in the fixtures. */
    static final int[] WIDTHS = {4, 6, 8, 10, 12};

    private KerasFixtures() {
    }

    static Path fixture(String name) {
        URL url = KerasFixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The OIHW kernel of the {@code number}-th convolution (1 = conv1_1), from the fixtures' HWIO formula
     * {@code kernel[ky, kx, i, o] = (number * 4096 + ((o * 16 + i) * 4 + ky) * 4 + kx) / 1024}.
     */
    static float[] expectedKernel(int number, int in, int out) {
        float[] oihw = new float[out * in * 9];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        oihw[((o * in + i) * 3 + ky) * 3 + kx] =
                                (number * 4096 + ((o * 16 + i) * 4 + ky) * 4 + kx) / 1024f;
                    }
                }
            }
        }
        return oihw;
    }

    /** {@code bias[o] = -(number * 4096 + o) / 1024}. */
    static float[] expectedBias(int number, int out) {
        float[] bias = new float[out];
        for (int o = 0; o < out; o++) {
            bias[o] = -(number * 4096 + o) / 1024f;
        }
        return bias;
    }
}
