package dev.nst.core.testing;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Narrow VGG19-shaped networks with seeded He-initialised weights, small enough for exhaustive tests. */
public final class TinyVgg {

    /** Channel widths of blocks 1..5 used by default: small but all different, to catch transposed indices. */
    public static final int[] WIDTHS = {4, 6, 8, 10, 12};

    private TinyVgg() {
    }

    public static Vgg19Weights weights(long seed) {
        return weights(seed, WIDTHS, VggLayer.CONV5_4);
    }

    /** Convolutions {@code conv1_1 .. lastConv} with block widths {@code widths}, biases small but non-zero. */
    public static Vgg19Weights weights(long seed, int[] widths, VggLayer lastConv) {
        Random random = new Random(seed);
        List<ConvWeights> convs = new ArrayList<>();
        int in = 3;
        for (VggLayer conv : VggLayer.convolutions()) {
            int out = widths[conv.block() - 1];
            float[] kernel = new float[out * in * 9];
            double std = Math.sqrt(2.0 / (in * 9));
            for (int i = 0; i < kernel.length; i++) {
                kernel[i] = (float) (random.nextGaussian() * std);
            }
            float[] bias = new float[out];
            for (int i = 0; i < out; i++) {
                bias[i] = (float) (random.nextGaussian() * 0.1);
            }
            convs.add(new ConvWeights(conv, in, out, kernel, bias));
            in = out;
            if (conv == lastConv) {
                break;
            }
        }
        return new Vgg19Weights("tiny:" + seed, Preprocessing.CAFFE_BGR, convs);
    }

    /** Standard normal values, seeded. */
    public static float[] gaussian(long seed, int n, double std) {
        Random random = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return values;
    }
}
