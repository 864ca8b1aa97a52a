package dev.nst.core.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptimizerKindTest {

    @ParameterizedTest
    @CsvSource({"lbfgs, LBFGS", "L-BFGS, LBFGS", " adam , ADAM", "ADAM, ADAM"})
    void parsesTheNamesUsersWrite(String id, OptimizerKind expected) {
        assertThat(OptimizerKind.parse(id)).isEqualTo(expected);
        assertThat(OptimizerKind.parse(expected.id())).isEqualTo(expected);
    }

    @Test
    void anUnknownOptimizerSaysWhatToUse() {
        assertThatThrownBy(() -> OptimizerKind.parse("sgd"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown optimizer 'sgd'; use lbfgs or adam");
    }

    @Test
    void defaultLearningRatesAreOneForLbfgsAndTenForAdam() {
        assertThat(OptimizerKind.LBFGS.defaultLearningRate()).isEqualTo(1.0);
        assertThat(OptimizerKind.ADAM.defaultLearningRate()).isEqualTo(10.0);
    }

    @Test
    void progressIsLastOnlyAtTheFinalIteration() {
        assertThat(Progress.ofOneStage(64, 3, 5, null, Duration.ZERO, () -> null).isLast()).isFalse();
        assertThat(Progress.ofOneStage(64, 5, 5, null, Duration.ZERO, () -> null).isLast()).isTrue();
        assertThat(Progress.ofOneStage(64, 0, 0, null, Duration.ZERO, () -> null).isLast()).isTrue();
    }
}
