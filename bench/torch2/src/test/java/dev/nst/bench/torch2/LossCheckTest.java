package dev.nst.bench.torch2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.LossBreakdown;
import org.junit.jupiter.api.Test;

class LossCheckTest {

    @Test
    void equalLossesAreWithinTheLimit() {
        LossBreakdown loss = new LossBreakdown(1, 2, 3);

        assertThat(new LossCheck(loss, loss).withinLimit()).isTrue();
        assertThat(new LossCheck(loss, loss).total()).isZero();
    }

    @Test
    void aTermOffByMoreThanTheLimitFails() {
        LossCheck check = new LossCheck(new LossBreakdown(1, 2, 3.001), new LossBreakdown(1, 2, 3));

        assertThat(check.tv()).isCloseTo(1.0 / 3000, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(check.withinLimit()).isFalse();
    }

    @Test
    void notANumberIsNeverWithinTheLimit() {
        LossCheck check = new LossCheck(new LossBreakdown(Double.NaN, 2, 3), new LossBreakdown(1, 2, 3));

        assertThat(check.withinLimit()).isFalse();
    }

    @Test
    void aTermThatShouldBeZeroButIsNotFails() {
        assertThat(LossCheck.relative(1e-9, 0)).isInfinite();
        assertThat(LossCheck.relative(0, 0)).isZero();
    }
}
