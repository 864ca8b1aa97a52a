package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsLikeAPersonWouldSayIt() {
        assertThat(Durations.format(Duration.ofMillis(420))).isEqualTo("0.4s");
        assertThat(Durations.format(Duration.ofMillis(12_345))).isEqualTo("12.3s");
        assertThat(Durations.format(Duration.ofSeconds(252))).isEqualTo("4m 12s");
        assertThat(Durations.format(Duration.ofSeconds(3785))).isEqualTo("1h 3m 5s");
    }
}
