package dev.nst.core.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.LossWeightOverrides;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Setting;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.color.ColorMode;
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
                .satisfies(e -> assertRequirement(e, Setting.ITERATIONS, "between 0 and 1000000", iterations));
    }

    @Test
    void zeroIterationsIsAllowed() {
        assertThat(TransferSettings.builder().iterations(0).build().iterations()).isZero();
    }

    @Test
    void theSizeMustLeaveAtLeastOnePixelAtTheDeepestLayer() {
        // relu5_1 comes after four 2x2 poolings
        assertThatThrownBy(() -> TransferSettings.builder().size(15).build())
                .satisfies(e -> assertRequirement(e, Setting.SIZE, "between 16 (for layer relu5_1) and 16384", 15));
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
                .satisfies(e -> assertRequirement(e, Setting.SIZE, "between 4 (for layer relu3_1) and 16384", 3));
    }

    @Test
    void theSizeHasAnUpperLimit() {
        assertThatThrownBy(() -> TransferSettings.builder().size(16_385).build())
                .satisfies(e -> assertRequirement(e, Setting.SIZE, "between 16 (for layer relu5_1) and 16384", 16385));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void theStyleScaleMustBeAPositiveNumber(double scale) {
        assertThatThrownBy(() -> TransferSettings.builder().styleScale(scale).build())
                .satisfies(e -> assertRequirement(e, Setting.STYLE_SCALE, "a positive number", scale));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void theLearningRateMustBeAPositiveNumber(double rate) {
        assertThatThrownBy(() -> TransferSettings.builder().learningRate(rate).build())
                .satisfies(e -> assertRequirement(e, Setting.LEARNING_RATE, "a positive number", rate));
    }

    @Test
    void contentAndStyleLayersCannotBeEmpty() {
        assertThatThrownBy(() -> TransferSettings.builder().contentLayers(List.of()).build())
                .satisfies(e -> assertReason(e, Setting.CONTENT_LAYERS, "at least one layer is needed"));
        assertThatThrownBy(() -> TransferSettings.builder().styleLayers(List.of()).build())
                .satisfies(e -> assertReason(e, Setting.STYLE_LAYERS, "at least one layer is needed"));
    }

    @Test
    void stagesRunAtIncreasingSizesTheLastBeingTheOutput() {
        TransferSettings settings = TransferSettings.builder()
                .stages(List.of(new Stage(128, 300), new Stage(256, 200), new Stage(512, 100))).styleScale(0.5).build();

        assertThat(settings.size()).isEqualTo(512);
        assertThat(settings.iterations()).isEqualTo(600);
        assertThat(settings.styleSize()).isEqualTo(256);
        assertThat(settings.stages().get(0).styleSize(settings.styleScale())).isEqualTo(64);
        assertThat(TransferSettings.builder().size(300).iterations(7).build().stages())
                .containsExactly(new Stage(300, 7));
    }

    @Test
    void stageSizesMustIncreaseAndEachFitTheLayers() {
        assertThatThrownBy(() -> TransferSettings.builder().stages(List.of(new Stage(256, 1), new Stage(256, 1))).build())
                .satisfies(e -> assertReason(e, Setting.SIZE, "stage sizes must increase, got 256 after 256"));
        assertThatThrownBy(() -> TransferSettings.builder().stages(List.of(new Stage(8, 1), new Stage(256, 1))).build())
                .satisfies(e -> assertRequirement(e, Setting.SIZE, "between 16 (for layer relu5_1) and 16384", 8));
        assertThatThrownBy(() -> TransferSettings.builder().stages(List.of()).build())
                .satisfies(e -> assertReason(e, Setting.SIZE, "at least one stage is needed"));
        assertThatThrownBy(() -> new Stage(256, -1))
                .satisfies(e -> assertRequirement(e, Setting.ITERATIONS, "between 0 and 1000000", -1));
    }

    /** The setting, the value and the requirement are data; the CLI and HTTP tests pin how each adapter words them. */
    private static void assertRequirement(Throwable e, Setting setting, String requirement, Object value) {
        assertThat(e).isInstanceOf(InvalidInputException.class);
        InvalidInputException invalid = (InvalidInputException) e;
        assertThat(invalid.setting()).contains(setting);
        assertThat(invalid.reason()).isEqualTo(requirement);
        assertThat(invalid.rejectedValue()).contains(String.valueOf(value));
        assertThat(invalid.getMessage()).isEqualTo(setting.label() + " must be " + requirement + ", got " + value);
    }

    private static void assertReason(Throwable e, Setting setting, String reason) {
        assertThat(e).isInstanceOf(InvalidInputException.class);
        InvalidInputException invalid = (InvalidInputException) e;
        assertThat(invalid.setting()).contains(setting);
        assertThat(invalid.rejectedValue()).isEmpty();
        assertThat(invalid.getMessage()).isEqualTo(reason);
        assertThat(invalid.describe(s -> "NAME")).isEqualTo("NAME: " + reason);
    }

    @Test
    void controlDefaultsToTheClassicTransfer() {
        TransferSettings settings = TransferSettings.builder().build();

        assertThat(settings.colors()).isEqualTo(ColorMode.STYLE);
        assertThat(settings.contentLayerWeights()).containsExactly(1.0);
        assertThat(settings.styleLayerWeights()).containsExactly(1.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(settings.normalizeGradients()).isFalse();
    }

    @Test
    void layerWeightsAreOnePerLayerInTheLayersOrder() {
        TransferSettings settings = TransferSettings.builder()
                .styleLayers(List.of(VggLayer.RELU1_1, VggLayer.RELU3_1)).styleLayerWeights(List.of(0.5, 2.0))
                .contentLayerWeights(List.of(3.0)).build();

        assertThat(settings.styleLayerWeight(0)).isEqualTo(0.5);
        assertThat(settings.styleLayerWeight(1)).isEqualTo(2.0);
        assertThat(settings.contentLayerWeight(0)).isEqualTo(3.0);
    }

    @Test
    void layerWeightsMustMatchTheirLayersInNumber() {
        assertReason(catchThrowable(() -> TransferSettings.builder().styleLayerWeights(List.of(1.0, 2.0)).build()),
                Setting.STYLE_LAYER_WEIGHTS, "give one weight per layer: got 2 weights for 5 layers");
        assertReason(catchThrowable(() -> TransferSettings.builder().contentLayerWeights(List.of(1.0, 2.0)).build()),
                Setting.CONTENT_LAYER_WEIGHTS, "give one weight per layer: got 2 weights for 1 layer");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
    void layerWeightsMustBeFiniteAndNotNegative(double weight) {
        assertRequirement(catchThrowable(() -> TransferSettings.builder().contentLayerWeights(List.of(weight)).build()),
                Setting.CONTENT_LAYER_WEIGHTS, "finite numbers >= 0", weight);
    }

    @Test
    void layerWeightsMustNotAllBeZero() {
        assertReason(catchThrowable(() -> TransferSettings.builder()
                        .styleLayerWeights(List.of(0.0, 0.0, 0.0, 0.0, 0.0)).build()),
                Setting.STYLE_LAYER_WEIGHTS, "the weights must not all be zero (give the loss weight 0 instead)");
    }

    @Test
    void theLayerListsAreCopied() {
        List<VggLayer> style = new ArrayList<>(List.of(VggLayer.RELU1_1));
        TransferSettings settings = TransferSettings.builder().styleLayers(style).build();

        style.add(VggLayer.RELU2_1);

        assertThat(settings.styleLayers()).containsExactly(VggLayer.RELU1_1);
    }
}
