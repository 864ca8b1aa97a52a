package dev.nst.weights;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * He-initialised VGG19 with the published channel widths: kernels drawn from N(0, 2 / (9 Cin)), biases 0. Each
 * convolution has its own generator seeded from (seed, layer index), so its values are the same however deep the
 * network is generated, and the normal deviates use {@link StrictMath} so they are the same on every JVM.
 */
final class RandomVgg19Weights {

    /** Output channels of blocks 1 to 5 in the published VGG19. */
    static final int[] PUBLISHED_WIDTHS = {64, 128, 256, 512, 512};

    private RandomVgg19Weights() {
    }

    static Vgg19Weights generate(long seed, VggLayer deepest) {
        List<VggLayer> needed = Vgg19Convolutions.neededFor(deepest);
        List<ConvWeights> convolutions = IntStream.range(0, needed.size())
                .mapToObj(index -> convolution(seed, index, needed.get(index)))
                .toList();
        return new Vgg19Weights("random:" + seed, Preprocessing.CAFFE_BGR, convolutions);
    }

    private static ConvWeights convolution(long seed, int index, VggLayer layer) {
        int in = index == 0 ? 3 : PUBLISHED_WIDTHS[VggLayer.convolutions().get(index - 1).block() - 1];
        int out = PUBLISHED_WIDTHS[layer.block() - 1];
        float[] kernel = new float[out * in * 9];
        fillGaussian(new SplittableRandom(layerSeed(seed, index)), kernel, Math.sqrt(2.0 / (9 * in)));
        return new ConvWeights(layer, in, out, kernel, new float[out]);
    }

    /** A well-mixed seed per (seed, layer), so that neighbouring seeds do not give overlapping streams. */
    static long layerSeed(long seed, int layerIndex) {
        long z = seed + (layerIndex + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Marsaglia's polar form of the Box-Muller transform: two deviates per accepted point of the unit disc. */
    private static void fillGaussian(SplittableRandom random, float[] values, double std) {
        for (int i = 0; i < values.length; i += 2) {
            double u;
            double v;
            double s;
            do {
                u = 2 * random.nextDouble() - 1;
                v = 2 * random.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double scale = std * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
            values[i] = (float) (u * scale);
            if (i + 1 < values.length) {
                values[i + 1] = (float) (v * scale);
            }
        }
    }
}
