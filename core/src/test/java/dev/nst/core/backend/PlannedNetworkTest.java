package dev.nst.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.testing.ReferenceBackend;
import dev.nst.core.testing.TinyVgg;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The logic every backend shares, run on kernels that only record what they are asked to do. */
class PlannedNetworkTest {

    private static final Vgg19Weights WEIGHTS = TinyVgg.weights(3);
    private final ComputeSession session = new ReferenceBackend().openSession();
    private final RecordingKernels kernels = new RecordingKernels(Long.MAX_VALUE);

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void aPlanIsBuiltPerInputSizeAndKeptWhileTheSizeStaysTheSame() {
        PlannedNetwork network = new PlannedNetwork(WEIGHTS, Set.of(VggLayer.RELU2_1), kernels);

        network.forward(image(8, 8));
        network.forward(image(8, 8));
        network.forward(image(6, 10));
        network.forward(image(6, 10));

        assertThat(kernels.plans).extracting(p -> p.layout.input())
                .containsExactly(new Shape(3, 8, 8), new Shape(3, 6, 10));
        assertThat(kernels.plans.get(0).closed).isTrue();
        assertThat(kernels.plans.get(1).closed).isFalse();
        network.close();
        assertThat(kernels.plans.get(1).closed).isTrue();
        assertThat(kernels.closed).isTrue();
    }

    @Test
    void forwardRunsEveryStepInOrderAfterBindingTheImage() {
        PlannedNetwork network = new PlannedNetwork(WEIGHTS, Set.of(VggLayer.POOL1), kernels);

        network.forward(image(8, 8));

        // conv1_1 + relu1_1, conv1_2 + relu1_2, pool1
        assertThat(kernels.plans.get(0).calls).containsExactly("bind", "forward 0", "forward 1", "forward 2",
                "outputs");
    }

    @Test
    void backwardInjectsByReplacingWhereNothingFlowsAndAddingWhereSomethingDoes() {
        Set<VggLayer> outputs = EnumSet.of(VggLayer.RELU1_1, VggLayer.POOL1, VggLayer.RELU2_1);
        PlannedNetwork network = new PlannedNetwork(WEIGHTS, outputs, kernels);
        Map<VggLayer, Tensor> features = network.forward(image(8, 8));
        RecordingPlan plan = kernels.plans.get(0);
        plan.calls.clear();

        network.backward(Map.of(VggLayer.RELU2_1, gradient(features, VggLayer.RELU2_1),
                VggLayer.RELU1_1, gradient(features, VggLayer.RELU1_1)), session.zeros(new Shape(3, 8, 8)));

        // steps 0 conv1_1+relu1_1, 1 conv1_2+relu1_2, 2 pool1, 3 conv2_1+relu2_1: relu2_1's gradient replaces (nothing
        // flows there yet), relu1_1's is added to what flows back from pool1
        assertThat(plan.calls).containsExactly("prepare", "begin", "inject 3 replace", "backward 3", "backward 2",
                "backward 1", "inject 0 add", "backward 0", "end flowed");
    }

    @Test
    void backwardWithoutGradientsZeroesTheImageGradientWithoutRunningAStep() {
        PlannedNetwork network = new PlannedNetwork(WEIGHTS, Set.of(VggLayer.RELU1_1), kernels);
        network.forward(image(8, 8));
        RecordingPlan plan = kernels.plans.get(0);
        plan.calls.clear();

        network.backward(Map.of(), session.zeros(new Shape(3, 8, 8)));
        network.backward(Map.of(), session.zeros(new Shape(3, 8, 8)));

        assertThat(plan.calls).containsExactly("prepare", "begin", "end not flowed", "begin", "end not flowed");
    }

    @Test
    void backwardIsCheckedBeforeAnyKernelRuns() {
        PlannedNetwork network = new PlannedNetwork(WEIGHTS, Set.of(VggLayer.RELU2_1), kernels);
        Tensor imageGradient = session.zeros(new Shape(3, 8, 8));

        assertThatThrownBy(() -> network.backward(Map.of(), imageGradient))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("forward pass");
        Map<VggLayer, Tensor> features = network.forward(image(8, 8));
        assertThatThrownBy(() -> network.backward(Map.of(), session.zeros(new Shape(3, 8, 10))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> network.backward(Map.of(VggLayer.RELU1_1, session.zeros(new Shape(4, 8, 8))),
                imageGradient)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not outputs");
        assertThatThrownBy(() -> network.backward(Map.of(VggLayer.RELU2_1, session.zeros(new Shape(6, 8, 8))),
                imageGradient)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 6x4x4");
        assertThat(features.get(VggLayer.RELU2_1).shape()).isEqualTo(new Shape(6, 4, 4));
        assertThat(kernels.plans.get(0).calls).doesNotContain("prepare");
    }

    @Test
    void aPlanLargerThanTheBackendCanHoldIsRefusedBeforeItIsBuiltNamingTheSizeThatFits() {
        // conv1_1 of an 8 x 12 image has 4 x 8 x 12 = 384 values; the backend holds 100 in one tensor
        PlannedNetwork network = new PlannedNetwork(WEIGHTS, Set.of(VggLayer.RELU1_1), new RecordingKernels(100));

        assertThatThrownBy(() -> network.forward(image(8, 12)))
                .isInstanceOfSatisfying(TransferFailedException.class,
                        e -> assertThat(e.hints()).containsExactly(Hint.reduceSizeTo(6)))
                .hasMessage("the test backend holds at most 100 values in one tensor, but relu1_1 of a 12x8 input has"
                        + " 4x8x12 = 384; at most 6 px on the longer side fit");
    }

    @Test
    void aNativeFailureIsWhatTheBackendSaysItMeans() {
        RecordingKernels failing = new RecordingKernels(Long.MAX_VALUE) {
            @Override
            public NetworkPlan plan(NetworkLayout layout) {
                throw new UnsupportedOperationException("native out of memory");
            }
        };
        PlannedNetwork network = new PlannedNetwork(WEIGHTS, Set.of(VggLayer.RELU1_1), failing);

        assertThatThrownBy(() -> network.forward(image(8, 8)))
                .isInstanceOf(TransferFailedException.class).hasMessage("forward pass on 3x8x8 failed");
    }

    @Test
    void outputsAndWeightsAreCheckedWhenTheNetworkIsMade() {
        Vgg19Weights shallow = TinyVgg.weights(1, TinyVgg.WIDTHS, VggLayer.CONV2_1);

        assertThatThrownBy(() -> new PlannedNetwork(WEIGHTS, Set.of(), kernels))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlannedNetwork(shallow, Set.of(VggLayer.RELU3_1), kernels))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relu3_1");
        assertThat(kernels.closed).as("refused kernels are freed").isTrue();
    }

    private Tensor image(int height, int width) {
        return session.zeros(new Shape(3, height, width));
    }

    private Tensor gradient(Map<VggLayer, Tensor> features, VggLayer layer) {
        return session.zeros(features.get(layer).shape());
    }

    /** Kernels that build recording plans. */
    private class RecordingKernels implements NetworkKernels {
        final List<RecordingPlan> plans = new ArrayList<>();
        final long maxElements;
        boolean closed;

        RecordingKernels(long maxElements) {
            this.maxElements = maxElements;
        }

        @Override
        public NetworkPlan plan(NetworkLayout layout) {
            RecordingPlan plan = new RecordingPlan(layout);
            plans.add(plan);
            return plan;
        }

        @Override
        public long maxTensorElements() {
            return maxElements;
        }

        @Override
        public String description() {
            return "the test backend";
        }

        @Override
        public RuntimeException failure(String pass, Shape shape, RuntimeException e) {
            return new TransferFailedException(pass + " on " + shape + " failed", e);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A plan whose outputs are zeros of the layout's shapes. */
    private class RecordingPlan implements NetworkPlan {
        final NetworkLayout layout;
        final List<String> calls = new ArrayList<>();
        boolean closed;

        RecordingPlan(NetworkLayout layout) {
            this.layout = layout;
        }

        @Override
        public void bindInput(Tensor image) {
            calls.add("bind");
        }

        @Override
        public void forward(int i) {
            calls.add("forward " + i);
        }

        @Override
        public Map<VggLayer, Tensor> outputs() {
            calls.add("outputs");
            Map<VggLayer, Tensor> outputs = new java.util.EnumMap<>(VggLayer.class);
            layout.outputs().forEach(l -> outputs.put(l, session.zeros(layout.stages().get(layout.producerOf(l))
                    .output())));
            return outputs;
        }

        @Override
        public void prepareBackward() {
            calls.add("prepare");
        }

        @Override
        public void beginBackward(Tensor imageGradient) {
            calls.add("begin");
        }

        @Override
        public void inject(int i, Tensor gradient, boolean add) {
            calls.add("inject " + i + (add ? " add" : " replace"));
        }

        @Override
        public void backward(int i) {
            calls.add("backward " + i);
        }

        @Override
        public void endBackward(Tensor imageGradient, boolean flowed) {
            calls.add(flowed ? "end flowed" : "end not flowed");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
