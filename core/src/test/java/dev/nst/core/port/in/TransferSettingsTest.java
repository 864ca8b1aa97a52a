package dev.nst.core.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.LossWeightOverrides;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransferSettingsTest {

    @Test
    void theDefaultsAreThoseOfNeuralStyle() {
        TransferSettings settings = TransferSettings.builder().build();

        assertThat(settings.size()).isEqualTo(512);
        assertThat(settings.styleScale()).isEqualTo(1.0);
        assertThat(settings.iterations()).isEqualTo(1000);
        assertThat(settings.optimizer()).isEqualTo(OptimizerKind.LBFGS);
        assertThat(settings.learningRate()).isEmpty();
        assertThat(settings.lossWeights()).isEqualTo(LossWeightOverrides.NONE);
        assertThat(settings.contentLayers()).containsExactly(VggLayer.RELU4_2);
        assertThat(settings.styleLayers()).containsExactly(VggLayer.RELU1_1, VggLayer.RELU2_1, VggLayer.RELU3_1,
                VggLayer.RELU4_1, VggLayer.RELU5_1);
        assertThat(settings.pooling()).isEqualTo(Pooling.MAX);
        assertThat(settings.weights()).isEqualTo(new WeightsSpec.Named("vgg19"));
        assertThat(settings.deepestLayer()).isEqualTo(VggLayer.RELU5_1);
    }

    @Test
    void lossWeightsAreEitherAllGivenOrGivenOneByOne() {
        assertThat(TransferSettings.builder().lossWeights(new LossWeights(1, 2, 3)).build().lossWeights())
                .isEqualTo(new LossWeightOverrides(OptionalDouble.of(1), OptionalDouble.of(2), OptionalDouble.of(3)));
        assertThat(TransferSettings.builder().lossWeights(LossWeightOverrides.NONE.withStyleWeight(7)).build()
                .lossWeights()).isEqualTo(new LossWeightOverrides(OptionalDouble.empty(), OptionalDouble.of(7),
                        OptionalDouble.empty()));
    }

    @Test
    void eachOptimizerHasItsOwnDefaultLearningRate() {
        assertThat(TransferSettings.builder().optimizer(OptimizerKind.LBFGS).build().effectiveLearningRate())
                .isEqualTo(1.0);
        assertThat(TransferSettings.builder().optimizer(OptimizerKind.ADAM).build().effectiveLearningRate())
                .isEqualTo(10.0);
    }

    @Test
    void aGivenLearningRateOverridesTheDefault() {
        TransferSettings settings = TransferSettings.builder().optimizer(OptimizerKind.ADAM).learningRate(2.5).build();

        assertThat(settings.learningRate()).isEqualTo(OptionalDouble.of(2.5));
        assertThat(settings.effectiveLearningRate()).isEqualTo(2.5);
    }

    @Test
    void theStyleSizeIsTheScaledSizeRoundedAndAtLeastOne() {
        assertThat(TransferSettings.builder().size(512).styleScale(0.5).build().styleSize()).isEqualTo(256);
        assertThat(TransferSettings.builder().size(100).styleScale(1.257).build().styleSize()).isEqualTo(126);
        assertThat(TransferSettings.builder().size(512).styleScale(1e-6).build().styleSize()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1_000_001})
    void iterationsOutOfRangeAreRejectedNamingTheOption(int iterations) {
        assertThatThrownBy(() -> TransferSettings.builder().iterations(iterations).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--iterations must be between 0 and 1000000, got " + iterations);
    }

    @Test
    void zeroIterationsIsAllowed() {
        assertThat(TransferSettings.builder().iterations(0).build().iterations()).isZero();
    }

    @Test
    void theSizeMustLeaveAtLeastOnePixelAtTheDeepestLayer() {
        // relu5_1 comes after four 2x2 poolings
        assertThatThrownBy(() -> TransferSettings.builder().size(15).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--size must be between 16 (for layer relu5_1) and 16384, got 15");
        assertThat(TransferSettings.builder().size(16).build().size()).isEqualTo(16);
    }

    @Test
    void shallowerLayersAllowSmallerSizes() {
        TransferSettings settings = TransferSettings.builder().size(4)
                .contentLayers(List.of(VggLayer.RELU2_1)).styleLayers(List.of(VggLayer.RELU1_1, VggLayer.RELU3_1))
                .build();

        assertThat(settings.deepestLayer()).isEqualTo(VggLayer.RELU3_1);
        assertThatThrownBy(() -> TransferSettings.builder().size(3)
                .contentLayers(List.of(VggLayer.RELU2_1)).styleLayers(List.of(VggLayer.RELU3_1)).build())
                .hasMessageContaining("--size must be between 4 (for layer relu3_1)");
    }

    @Test
    void theSizeHasAnUpperLimit() {
        assertThatThrownBy(() -> TransferSettings.builder().size(16_385).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--size must be between")
                .hasMessageEndingWith("and 16384, got 16385");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void theStyleScaleMustBeAPositiveNumber(double scale) {
        assertThatThrownBy(() -> TransferSettings.builder().styleScale(scale).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--style-scale must be a positive number, got " + scale);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void theLearningRateMustBeAPositiveNumber(double rate) {
        assertThatThrownBy(() -> TransferSettings.builder().learningRate(rate).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--learning-rate must be a positive number, got " + rate);
    }

    @Test
    void contentAndStyleLayersCannotBeEmpty() {
        assertThatThrownBy(() -> TransferSettings.builder().contentLayers(List.of()).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--content-layers: at least one layer is needed");
        assertThatThrownBy(() -> TransferSettings.builder().styleLayers(List.of()).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--style-layers: at least one layer is needed");
    }

    @Test
    void theLayerListsAreCopied() {
        List<VggLayer> style = new ArrayList<>(List.of(VggLayer.RELU1_1));
        TransferSettings settings = TransferSettings.builder().styleLayers(style).build();

        style.add(VggLayer.RELU2_1);

        assertThat(settings.styleLayers()).containsExactly(VggLayer.RELU1_1);
    }
}
