package dev.nst.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LossWeightOverridesTest {

    private static final LossWeights RECOMMENDED = new LossWeights(1e4, 1e9, 3);

    @Test
    void nothingGivenTakesEveryRecommendedWeight() {
        assertThat(LossWeightOverrides.NONE.resolve(RECOMMENDED)).isEqualTo(RECOMMENDED);
    }

    @Test
    void aGivenWeightIsUsedAsItIs() {
        LossWeightOverrides given = LossWeightOverrides.NONE.withContentWeight(5).withTvWeight(0);

        assertThat(given.resolve(RECOMMENDED)).isEqualTo(new LossWeights(5, 1e9, 0));
    }

    @Test
    void allGivenIgnoresTheRecommendation() {
        assertThat(LossWeightOverrides.of(LossWeights.DEFAULT).resolve(RECOMMENDED)).isEqualTo(LossWeights.DEFAULT);
    }

    @Test
    void aLossIsWantedUnlessItsWeightIsGivenAsZero() {
        assertThat(LossWeightOverrides.NONE.contentLossWanted()).isTrue();
        assertThat(LossWeightOverrides.NONE.styleLossWanted()).isTrue();
        assertThat(LossWeightOverrides.NONE.withContentWeight(0).contentLossWanted()).isFalse();
        assertThat(LossWeightOverrides.NONE.withStyleWeight(0).styleLossWanted()).isFalse();
        assertThat(LossWeightOverrides.NONE.withStyleWeight(0.5).styleLossWanted()).isTrue();
    }

    @Test
    void aGivenWeightIsValidatedAsTheLossWeightsAre() {
        assertThatThrownBy(() -> LossWeightOverrides.NONE.withStyleWeight(-1))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> LossWeightsTest.assertRejected(e, Setting.STYLE_WEIGHT, -1.0, "a finite number >= 0"));
        assertThatThrownBy(() -> new LossWeightOverrides(OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.of(Double.NaN)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).setting()).contains(Setting.TV_WEIGHT));
    }
}
