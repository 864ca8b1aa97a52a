package dev.nst.bench.torch2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.port.in.TransferSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One transfer of a single stage on libtorch, in the order of nst's service: network, targets, initial noise,
 * optimisation; every evaluation is timed and its losses kept.
 */
final class TorchTransfer {

    /** Standard deviation of the initial noise in the network's input space, as nst's. */
    static final double NOISE_STD = 0.001;

    /**
     * @param losses      iterations 0 to {@code settings.iterations()}
     * @param peakRssMib  the process's peak resident memory when the optimisation ended
     */
    record Result(List<LossBreakdown> losses, IterationClock clock, String backend, String peakRssMib) {
    }

    private TorchTransfer() {
    }

    static Result run(TransferSettings settings, Vgg19Weights weights, LossWeights lossWeights, RgbImage content,
                      RgbImage style, int threads, int warmup) {
        LibTorchRuntime torch = LibTorchRuntime.start(threads);
        Preprocessing preprocessing = weights.preprocessing();
        try (NDManager manager = torch.newManager()) {
            Vgg19Trunk trunk = new Vgg19Trunk(manager, weights, StyleTransferObjective.lossLayers(settings));
            Objective objective = StyleTransferObjective.capture(trunk, settings, lossWeights,
                    networkInput(manager, preprocessing, content), networkInput(manager, preprocessing, style));
            NDArray x = initialNoise(manager, settings.seed(), 3 * content.width() * content.height());
            IterationClock clock = new IterationClock(warmup);
            List<LossBreakdown> losses = new ArrayList<>();
            optimizer(settings, preprocessing).minimize(x, objective, settings.iterations(), (iteration, loss) -> {
                clock.evaluated(iteration);
                losses.add(loss);
            });
            return new Result(List.copyOf(losses), clock, torch.description(), PeakRss.mib());
        }
    }

    /** The picture as a {@code 1 x 3 x H x W} network input (nst's {@code Preprocessing.toNetwork}). */
    private static NDArray networkInput(NDManager manager, Preprocessing preprocessing, RgbImage picture) {
        return manager.create(preprocessing.toNetwork(picture), new Shape(1, 3, picture.height(), picture.width()));
    }

    /**
     * nst's initial noise, flattened: {@code new Random(seed).nextGaussian() * 0.001} per element, channel by channel,
     * row by row.
     */
    private static NDArray initialNoise(NDManager manager, long seed, int size) {
        Random random = new Random(seed);
        float[] noise = new float[size];
        for (int i = 0; i < size; i++) {
            noise[i] = (float) (random.nextGaussian() * NOISE_STD);
        }
        return manager.create(noise);
    }

    /** L-BFGS's rate multiplies its step; Adam's is in pixel levels, converted to the network's input units as nst does. */
    private static Optimizer optimizer(TransferSettings settings, Preprocessing preprocessing) {
        return switch (settings.optimizer()) {
            case LBFGS -> new Lbfgs(settings.effectiveLearningRate(), Lbfgs.DEFAULT_HISTORY);
            case ADAM -> new Adam(settings.effectiveLearningRate() * preprocessing.unitsPerLevel());
        };
    }
}
