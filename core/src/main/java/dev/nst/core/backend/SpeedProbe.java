package dev.nst.core.backend;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Measures how fast a backend computes, for the time estimates of a plan: the first two blocks of VGG19 run forward
 * and backward on a small image (convolutions of 64 and 128 channels, the network's typical work), and the vector
 * arithmetic of the optimisers over a few million values. Takes a few tenths of a second; a backend measures once and
 * keeps the result. The best of a few runs counts, so that a busy moment does not make a fast backend look slow.
 */
public final class SpeedProbe {

    /** The measured speeds: convolutions in FLOP/s, vector arithmetic in bytes/s. */
    public record Speeds(double flopsPerSecond, double bytesPerSecond) {
    }

    private static final int SIDE = 128;
    private static final int VECTOR = 1 << 22;
    private static final int RUNS = 8;

    private SpeedProbe() {
    }

    /** Measures {@code backend} in a session of its own. */
    public static Speeds measure(ComputeBackend backend) {
        try (ComputeSession session = backend.openSession()) {
            return new Speeds(flopsPerSecond(session), bytesPerSecond(session));
        }
    }

    private static double flopsPerSecond(ComputeSession session) {
        Vgg19Weights weights = twoBlocks();
        FeatureNetwork network = session.network(weights, Pooling.MAX, java.util.Set.of(VggLayer.RELU2_2));
        Shape input = new Shape(3, SIDE, SIDE);
        Tensor image = session.upload(input, noise(input.intSize()));
        Tensor gradient = session.zeros(input);
        Tensor outputGradient = null;
        long best = Long.MAX_VALUE;
        for (int run = 0; run <= RUNS; run++) {
            long start = System.nanoTime();
            Map<VggLayer, Tensor> features = network.forward(image);
            if (outputGradient == null) {
                Tensor relu22 = features.get(VggLayer.RELU2_2);
                outputGradient = session.upload(relu22.shape(), noise(relu22.shape().intSize()));
            }
            network.backward(Map.of(VggLayer.RELU2_2, outputGradient), gradient);
            gradient.toArray();
            long elapsed = System.nanoTime() - start;
            if (run > 0) {
                best = Math.min(best, elapsed);
            }
        }
        double multiplyAdds = 0;
        for (ConvWeights conv : weights.convolutions()) {
            multiplyAdds += (double) conv.outChannels() * conv.inChannels() * 9 * SIDE * SIDE
                    / (1L << (2 * conv.layer().poolingsBefore()));
        }
        return 2 * 2 * multiplyAdds / (best / 1e9);
    }

    private static double bytesPerSecond(ComputeSession session) {
        Shape shape = new Shape(1, 1, VECTOR);
        Tensor x = session.upload(shape, noise(VECTOR));
        Tensor y = session.zeros(shape);
        long best = Long.MAX_VALUE;
        for (int run = 0; run <= RUNS; run++) {
            long start = System.nanoTime();
            session.optimizer().axpy(0.5, x, y);
            session.optimizer().dot(x, y);
            long elapsed = System.nanoTime() - start;
            if (run > 0) {
                best = Math.min(best, elapsed);
            }
        }
        // axpy reads two vectors and writes one, dot reads two
        return 5.0 * VECTOR * Float.BYTES / (best / 1e9);
    }

    /** conv1_1 .. conv2_2 at the published widths, seeded. */
    private static Vgg19Weights twoBlocks() {
        int[][] shapes = {{3, 64}, {64, 64}, {64, 128}, {128, 128}};
        List<ConvWeights> convolutions = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < shapes.length; i++) {
            int in = shapes[i][0];
            int out = shapes[i][1];
            float[] kernel = new float[out * in * 9];
            double std = Math.sqrt(2.0 / (in * 9));
            for (int k = 0; k < kernel.length; k++) {
                kernel[k] = (float) (random.nextDouble(-1, 1) * std);
            }
            convolutions.add(new ConvWeights(VggLayer.convolutions().get(i), in, out, kernel, new float[out]));
        }
        return new Vgg19Weights("speed probe", Preprocessing.CAFFE_BGR, convolutions);
    }

    private static float[] noise(int n) {
        SplittableRandom random = new SplittableRandom(2);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }
}
