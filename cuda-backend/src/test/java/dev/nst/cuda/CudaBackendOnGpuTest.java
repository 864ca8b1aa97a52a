package dev.nst.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.Capability;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.OptimizerKernels;
import dev.nst.core.port.out.Precision;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.testing.TinyVgg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What only a GPU can show beyond the contract: memory errors, precision, threads, sessions. Skipped without one. */
@ExtendWith(RequiresGpu.class)
class CudaBackendOnGpuTest {


    @Test
    void describesTheGpuAndThePrecisionAndRunsOneTransferAtATime() {
        try (ComputeBackend backend = Gpu.backend(Precision.TF32)) {
            assertThat(backend.name()).isEqualTo("cuda");
            assertThat(backend.description()).startsWith("cuda: ").contains("cuDNN 9.").endsWith(", tf32");
            assertThat(backend.has(Capability.EXCLUSIVE_DEVICE)).isTrue();
        }
    }

    @Test
    void runningOutOfGpuMemoryIsAFailureThatSaysHowMuchWithTheHintToReduceTheSize() {
        try (ComputeBackend backend = Gpu.backend(Precision.FP32); ComputeSession session = backend.openSession()) {
            // Just under 2^31 floats (8 GiB) at a time until the device is full.
            List<Tensor> hogs = new ArrayList<>();
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1000; i++) {
                    hogs.add(session.zeros(new Shape(1, 32767, 65537)));
                }
            }).isInstanceOfSatisfying(TransferFailedException.class, e -> {
                assertThat(e).hasMessageStartingWith("not enough GPU memory: needed 8192 MiB more, ")
                        .hasMessageContaining(" MiB free of ")
                        .hasMessageNotContaining("--size");
                assertThat(e.hints()).containsExactly(Hint.reduceSize());
            });
            hogs.forEach(Tensor::close);
            // The device is usable again once memory is freed.
            OptimizerKernels vectors = session.optimizer();
            assertThat(vectors.dot(session.upload(new Shape(1, 1, 2), new float[] {3, 4}),
                    session.upload(new Shape(1, 1, 2), new float[] {3, 4}))).isEqualTo(25.0);
        }
    }

    @Test
    void aTensorOfMoreThanIntegerMaxValueElementsIsRefusedBeforeAnythingIsAllocated() {
        try (ComputeBackend backend = Gpu.backend(Precision.FP32); ComputeSession session = backend.openSession()) {
            assertThatThrownBy(() -> session.zeros(new Shape(2, 32768, 32768)))
                    .isInstanceOfSatisfying(TransferFailedException.class, e -> {
                        assertThat(e).hasMessage("the cuda backend holds at most 2147483647 values in one tensor, but"
                                + " a tensor of 2x32768x32768 has 2147483648");
                        assertThat(e.hints()).containsExactly(Hint.reduceSize());
                    });
        }
    }

    @Test
    void tf32ConvolutionsStayWithinAFewThousandthsOfFp32() {
        float[] image = TinyVgg.gaussian(5, 3 * 64 * 64, 50);
        float[] fp32 = relu5(Precision.FP32, image);
        float[] tf32 = relu5(Precision.TF32, image);
        double scale = 0;
        for (float v : fp32) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < fp32.length; i++) {
            assertThat((double) tf32[i]).isCloseTo(fp32[i], within(1e-2 * scale));
        }
    }

    private static float[] relu5(Precision precision, float[] image) {
        try (ComputeBackend backend = Gpu.backend(precision); ComputeSession session = backend.openSession()) {
            FeatureNetwork network = session.network(TinyVgg.weights(9, new int[] {32, 64, 64, 64, 64}, VggLayer.CONV5_1),
                    Pooling.MAX, Set.of(VggLayer.RELU5_1));
            return network.forward(session.upload(new Shape(3, 64, 64), image)).get(VggLayer.RELU5_1).toArray();
        }
    }

    @Test
    void aSessionMayBeUsedFromAnotherThreadThanTheOneThatOpenedIt() throws Exception {
        try (ComputeBackend backend = Gpu.backend(Precision.FP32); ComputeSession session = backend.openSession()) {
            Tensor a = session.upload(new Shape(1, 2, 2), new float[] {1, 2, 3, 4});
            double[] result = new double[1];
            Thread worker = new Thread(() -> {
                Tensor m = session.zeros(a.shape());
                Tensor v = session.zeros(a.shape());
                session.optimizer().adamStep(a, a, m, v, new OptimizerKernels.AdamStep(1, 0.9, 0.999, 1e-8, 1));
                result[0] = session.optimizer().sumAbs(a);
            });
            worker.start();
            worker.join();
            // One Adam step of size 1 from zero moments moves every element by (almost exactly) 1 against its gradient.
            assertThat(result[0]).isCloseTo(0 + 1 + 2 + 3, within(1e-4));
        }
    }

    @Test
    void activationsOfAPreviousImageSizeCannotBeReadAfterThePlanIsRebuilt() {
        try (ComputeBackend backend = Gpu.backend(Precision.FP32); ComputeSession session = backend.openSession()) {
            FeatureNetwork network = session.network(TinyVgg.weights(1), Pooling.MAX, Set.of(VggLayer.RELU1_1));
            Map<VggLayer, Tensor> first = network.forward(session.zeros(new Shape(3, 8, 8)));
            network.forward(session.zeros(new Shape(3, 10, 8)));

            assertThatThrownBy(() -> first.get(VggLayer.RELU1_1).toArray()).isInstanceOf(IllegalStateException.class);
        }
    }
}
