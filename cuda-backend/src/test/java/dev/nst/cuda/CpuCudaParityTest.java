package dev.nst.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.LossWeightOverrides;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.Precision;
import dev.nst.core.service.TransferStyleService;
import dev.nst.core.testing.TinyVgg;
import dev.nst.cpu.CpuBackendProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same transfer (weights, images, settings) through the real {@link TransferStyleService} on the CPU and on the
 * GPU: the losses of the initial image agree to 1e-3 relative, and after five Adam steps to 1e-2. Skipped without
 * a usable GPU.
 */
@ExtendWith(RequiresGpu.class)
class CpuCudaParityTest {

    /** A narrow VGG19 up to relu5_1, wide enough for cuDNN to pick real algorithms. */
    private static final Vgg19Weights WEIGHTS = TinyVgg.weights(3, new int[] {16, 32, 48, 64, 64}, VggLayer.CONV5_1);


    @Test
    void initialLossesAgreeTo1e3AndFiveAdamStepsTo1e2() {
        List<LossBreakdown> cpu = losses(new CpuBackendProvider().create(new BackendOptions(2)));
        List<LossBreakdown> gpu = losses(Gpu.backend(Precision.FP32));

        assertThat(gpu).hasSize(6);
        assertClose("iteration 0", gpu.get(0), cpu.get(0), 1e-3);
        for (int i = 1; i < 6; i++) {
            assertClose("iteration " + i, gpu.get(i), cpu.get(i), 1e-2);
        }
    }

    private static List<LossBreakdown> losses(ComputeBackend backend) {
        TransferSettings settings = TransferSettings.builder()
                .size(64)
                .iterations(5)
                .optimizer(OptimizerKind.ADAM)
                .lossWeights(LossWeightOverrides.NONE)
                .weights(WeightsSpec.parse("random:3"))
                .seed(4)
                .build();
        TransferStyleCommand command = TransferStyleCommand.of(picture(64, 48, 1), List.of(picture(56, 56, 2)),
                new InitialImage.Noise(), settings);
        List<LossBreakdown> losses = new ArrayList<>();
        try (backend) {
            new TransferStyleService(backend, (spec, deepest) -> WEIGHTS).transfer(command,
                    progress -> losses.add(progress.loss()));
        }
        return losses;
    }

    private static RgbImage picture(int width, int height, long seed) {
        Random random = new Random(seed);
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        return RgbImage.ofPackedRgb(width, height, pixels);
    }

    private static void assertClose(String what, LossBreakdown actual, LossBreakdown expected, double relative) {
        assertThat(actual.content()).as(what + " content").isCloseTo(expected.content(),
                within(relative * Math.abs(expected.content())));
        assertThat(actual.style()).as(what + " style").isCloseTo(expected.style(),
                within(relative * Math.abs(expected.style())));
        assertThat(actual.tv()).as(what + " tv").isCloseTo(expected.tv(),
                within(relative * Math.abs(expected.tv())));
        assertThat(actual.total()).as(what + " total").isCloseTo(expected.total(),
                within(relative * Math.abs(expected.total())));
    }
}
