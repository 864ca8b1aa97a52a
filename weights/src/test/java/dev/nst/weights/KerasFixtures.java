package dev.nst.weights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The fixtures written by the scripts in {@code src/test/resources/fixtures/} (Keras, PyTorch and Caffe files alike),
 * and the closed form their values follow, so tests can recompute every value a reader should return.
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

    /**
     * Every one of the 16 convolutions has the fixtures' widths, chains from 3 input channels, and holds exactly the
     * closed-form values, in our OIHW order.
     */
    static void assertAllSixteenConvolutionsExact(Vgg19Weights weights) {
        assertThat(weights.convolutions()).hasSize(16);
        int in = 3;
        for (int n = 1; n <= 16; n++) {
            ConvWeights conv = weights.convolutions().get(n - 1);
            int out = WIDTHS[conv.layer().block() - 1];
            assertThat(conv.layer()).isEqualTo(VggLayer.convolutions().get(n - 1));
            assertThat(conv.inChannels()).isEqualTo(in);
            assertThat(conv.outChannels()).isEqualTo(out);
            assertThat(conv.kernel()).as(conv.layer().id() + " kernel").containsExactly(expectedKernel(n, in, out));
            assertThat(conv.bias()).as(conv.layer().id() + " bias").containsExactly(expectedBias(n, out));
            in = out;
        }
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
