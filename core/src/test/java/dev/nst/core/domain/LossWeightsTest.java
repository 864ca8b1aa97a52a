package dev.nst.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LossWeightsTest {

    @Test
    void theDefaultsAreThoseOfNeuralStyle() {
        assertThat(LossWeights.DEFAULT).isEqualTo(new LossWeights(5, 100, 1e-3));
    }

    @Test
    void zeroSwitchesATermOff() {
        assertThat(new LossWeights(0, 0, 0)).isEqualTo(new LossWeights(0.0, 0.0, 0.0));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, -1e-300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void aContentWeightThatIsNotAFiniteNonNegativeNumberIsRejected(double bad) {
        assertThatThrownBy(() -> new LossWeights(bad, 100, 1e-3))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertRejected(e, Setting.CONTENT_WEIGHT, bad, "a finite number >= 0"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
    void aStyleWeightThatIsNotAFiniteNonNegativeNumberIsRejected(double bad) {
        assertThatThrownBy(() -> new LossWeights(5, bad, 1e-3))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertRejected(e, Setting.STYLE_WEIGHT, bad, "a finite number >= 0"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
    void aTvWeightThatIsNotAFiniteNonNegativeNumberIsRejected(double bad) {
        assertThatThrownBy(() -> new LossWeights(5, 100, bad))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertRejected(e, Setting.TV_WEIGHT, bad, "a finite number >= 0"));
    }

    /** The setting, the value and the requirement are data; the CLI and HTTP tests pin how each adapter words them. */
    static void assertRejected(Throwable e, Setting setting, double value, String requirement) {
        InvalidInputException invalid = (InvalidInputException) e;
        assertThat(invalid.setting()).contains(setting);
        assertThat(invalid.rejectedValue()).contains(String.valueOf(value));
        assertThat(invalid.reason()).isEqualTo(requirement);
        assertThat(invalid.getMessage()).isEqualTo(setting.label() + " must be " + requirement + ", got " + value);
    }

    @Test
    void atTheCaffeScaleTheWeightsAreUnchanged() {
        assertThat(LossWeights.DEFAULT.rescaledForInputScale(1)).isEqualTo(LossWeights.DEFAULT);
    }

    @Test
    void anInputScaledBySKeepsEveryTermOfAHomogeneousNetworkWhenContentAndTvAreDividedBySSquaredAndStyleBySToTheFourth() {
        // given features f and a picture x at the Caffe scale, and the same at a scale s (features of a positively
        // homogeneous network scale with the input)
        double s = 1 / 57.6;
        double f = 3.0;
        double target = 1.0;
        double dx = 2.0;
        LossWeights caffe = LossWeights.DEFAULT;
        LossWeights scaled = caffe.rescaledForInputScale(s);

        // then each weighted term is the same: content ~ (f - t)^2, style ~ (f^2 - t^2)^2, tv ~ dx^2
        assertThat(scaled.contentWeight() * Math.pow(s * f - s * target, 2))
                .isCloseTo(caffe.contentWeight() * Math.pow(f - target, 2), within(1e-9));
        assertThat(scaled.styleWeight() * Math.pow(s * s * f * f - s * s * target * target, 2))
                .isCloseTo(caffe.styleWeight() * Math.pow(f * f - target * target, 2), within(1e-6));
        assertThat(scaled.tvWeight() * Math.pow(s * dx, 2)).isCloseTo(caffe.tvWeight() * dx * dx, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void theInputScaleMustBePositive(double bad) {
        assertThatThrownBy(() -> LossWeights.DEFAULT.rescaledForInputScale(bad))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
