package dev.nst.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                .hasMessageStartingWith("--content-weight must be a finite number >= 0");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
    void aStyleWeightThatIsNotAFiniteNonNegativeNumberIsRejected(double bad) {
        assertThatThrownBy(() -> new LossWeights(5, bad, 1e-3))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--style-weight must be a finite number >= 0");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
    void aTvWeightThatIsNotAFiniteNonNegativeNumberIsRejected(double bad) {
        assertThatThrownBy(() -> new LossWeights(5, 100, bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--tv-weight must be a finite number >= 0");
    }
}
