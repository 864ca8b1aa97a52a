package dev.nst.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.testing.TinyVgg;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkLayoutTest {

    private static final Vgg19Weights WEIGHTS = TinyVgg.weights(7);

    @Test
    void convolutionsTakeTheirReluInTheSameStepUnlessTheirOwnOutputIsRequested() {
        NetworkLayout layout = NetworkLayout.of(WEIGHTS, EnumSet.of(VggLayer.CONV1_1, VggLayer.POOL1),
                new Shape(3, 37, 29));

        assertThat(layout.stages()).extracting(StageSpec::kind, StageSpec::layer, StageSpec::convolution,
                StageSpec::fusedRelu).containsExactly(
                tuple(StageSpec.Kind.CONV, VggLayer.CONV1_1, VggLayer.CONV1_1, false),
                tuple(StageSpec.Kind.RELU, VggLayer.RELU1_1, null, false),
                tuple(StageSpec.Kind.CONV, VggLayer.RELU1_2, VggLayer.CONV1_2, true),
                tuple(StageSpec.Kind.POOL, VggLayer.POOL1, null, false));
    }

    @Test
    void shapesFollowTheChannelWidthsAndEachPoolingHalvesDroppingAnOddRow() {
        NetworkLayout layout = NetworkLayout.of(WEIGHTS, Set.of(VggLayer.RELU3_1), new Shape(3, 37, 29));
        List<StageSpec> stages = layout.stages();

        assertThat(stages).extracting(StageSpec::layer).containsExactly(VggLayer.RELU1_1, VggLayer.RELU1_2,
                VggLayer.POOL1, VggLayer.RELU2_1, VggLayer.RELU2_2, VggLayer.POOL2, VggLayer.RELU3_1);
        assertThat(stages).extracting(StageSpec::output).containsExactly(new Shape(4, 37, 29), new Shape(4, 37, 29),
                new Shape(4, 18, 14), new Shape(6, 18, 14), new Shape(6, 18, 14), new Shape(6, 9, 7),
                new Shape(8, 9, 7));
        assertThat(stages.get(0).input()).isEqualTo(new Shape(3, 37, 29));
        assertThat(stages).extracting(StageSpec::clearsInputGradient)
                .containsExactly(false, false, true, false, false, false, false);
        assertThat(layout.producerOf(VggLayer.RELU3_1)).isEqualTo(6);
        assertThat(layout.producerOf(VggLayer.POOL1)).isEqualTo(2);
    }

    @Test
    void anEvenImageClearsNoGradientBeforePooling() {
        NetworkLayout layout = NetworkLayout.of(WEIGHTS, Set.of(VggLayer.POOL2), new Shape(3, 32, 48));

        assertThat(layout.stages()).noneMatch(StageSpec::clearsInputGradient);
    }

    @Test
    void gradientsAlternateBetweenTwoArenasAsLargeAsTheLargestTensor() {
        NetworkLayout layout = NetworkLayout.of(WEIGHTS, Set.of(VggLayer.RELU2_1), new Shape(3, 10, 12));

        assertThat(layout.arenaFloats()).isEqualTo(4 * 10 * 12);
        assertThat(layout.arenaBytes()).isEqualTo(2L * 4 * 10 * 12 * 4);
        assertThat(layout.activationBytes()).isEqualTo(4L * (480 + 480 + 120 + 180));
        assertThat(NetworkLayout.outputGradientArena(0)).isZero();
        assertThat(NetworkLayout.inputGradientArena(0)).isEmpty();
        for (int i = 1; i < 5; i++) {
            assertThat(NetworkLayout.inputGradientArena(i)).isEqualTo(Optional.of(NetworkLayout.outputGradientArena(i - 1)));
            assertThat(NetworkLayout.inputGradientArena(i)).isNotEqualTo(Optional.of(NetworkLayout.outputGradientArena(i)));
        }
    }

    @Test
    void theInputCanBeTheLargestTensor() {
        Vgg19Weights narrow = TinyVgg.weights(1, new int[] {1, 1, 1, 1, 1}, VggLayer.CONV1_1);
        NetworkLayout layout = NetworkLayout.of(narrow, Set.of(VggLayer.RELU1_1), new Shape(3, 5, 5));

        assertThat(layout.arenaFloats()).isEqualTo(75);
    }

    @Test
    void refusesNoOutputsAndLayersTheWeightsDoNotReach() {
        Vgg19Weights shallow = TinyVgg.weights(1, TinyVgg.WIDTHS, VggLayer.CONV2_1);

        assertThatThrownBy(() -> NetworkLayout.of(WEIGHTS, Set.of(), new Shape(3, 8, 8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkLayout.of(shallow, Set.of(VggLayer.RELU3_1), new Shape(3, 8, 8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relu3_1");
        assertThatThrownBy(() -> NetworkLayout.of(WEIGHTS, Set.of(VggLayer.RELU1_1), new Shape(3, 8, 8))
                .producerOf(VggLayer.POOL1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLayoutWithinTheBackendsLimitPasses() {
        NetworkLayout layout = NetworkLayout.of(WEIGHTS, Set.of(VggLayer.RELU5_1), new Shape(3, 37, 29));

        layout.requireWithin(4L * 37 * 29, "the test backend");
        assertThat(layout.outputs()).containsExactly(VggLayer.RELU5_1);
    }

    @Test
    void theLargestTensorOverTheLimitIsNamedWithTheLongerSideThatFits() {
        // conv1_1 of a 6000 x 6000 image has 64 x 6000 x 6000 > 2^31 values; at most 5792 px fit (64 * 5792^2 < 2^31)
        Vgg19Weights wide = TinyVgg.weights(1, new int[] {64, 2, 2, 2, 2}, VggLayer.CONV1_2);
        NetworkLayout layout = NetworkLayout.of(wide, Set.of(VggLayer.RELU1_2), new Shape(3, 6000, 6000));

        assertThatThrownBy(() -> layout.requireWithin(Integer.MAX_VALUE, "the cpu backend"))
                .isInstanceOfSatisfying(TransferFailedException.class,
                        e -> assertThat(e.hints()).containsExactly(Hint.reduceSizeTo(5792)))
                .hasMessage("the cpu backend holds at most 2147483647 values in one tensor, but relu1_1 of a 6000x6000"
                        + " input has 64x6000x6000 = 2304000000; at most 5792 px on the longer side fit");
        assertThat(64L * 5792 * 5792).isLessThanOrEqualTo(Integer.MAX_VALUE);
        assertThat(64L * 5793 * 5793).isGreaterThan(Integer.MAX_VALUE);
    }

    @Test
    void theSideThatFitsKeepsTheAspectRatio() {
        Vgg19Weights wide = TinyVgg.weights(1, new int[] {64, 2, 2, 2, 2}, VggLayer.CONV1_1);
        NetworkLayout layout = NetworkLayout.of(wide, Set.of(VggLayer.RELU1_1), new Shape(3, 4400, 8800));

        // 64 * w * round(w / 2) <= 2^31 - 1 holds up to w = 8191
        assertThatThrownBy(() -> layout.requireWithin(Integer.MAX_VALUE, "the cpu backend"))
                .isInstanceOfSatisfying(TransferFailedException.class,
                        e -> assertThat(e.hints()).containsExactly(Hint.reduceSizeTo(8191)));
    }
}
