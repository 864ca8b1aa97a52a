package dev.nst.http.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.port.out.Precision;
import dev.nst.http.engine.EngineSettings;
import org.junit.jupiter.api.Test;

/** {@code nst.*} configuration becomes the engine's plain settings. */
class SettingsFactoryTest {

    private final SettingsFactory factory = new SettingsFactory();

    @Test
    void backendThreadsAndPrecisionBecomeTheBackendOptions() {
        EngineSettings settings = factory.engineSettings(new NstProperties("cuda", "random", null, 3, "tf32"),
                jobs(null));

        assertThat(settings.backend()).isEqualTo("cuda");
        assertThat(settings.options().threads()).isEqualTo(3);
        assertThat(settings.options().precision()).isEqualTo(Precision.TF32);
    }

    @Test
    void anUnknownPrecisionIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> factory.engineSettings(new NstProperties("auto", "random", null, 0, "fp16"),
                jobs(null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown precision 'fp16'; use fp32 or tf32");
    }

    @Test
    void theMemoryLimitOfTheJobsIsTheEnginesOrNoneForWhatTheMachineHas() {
        NstProperties nst = new NstProperties("cpu", "random", null, 0, "fp32");

        assertThat(factory.engineSettings(nst, jobs(8L << 30)).maxMemory()).hasValue(8L << 30);
        assertThat(factory.engineSettings(nst, jobs(null)).maxMemory()).isEmpty();
    }

    private static JobProperties jobs(Long maxMemory) {
        return new JobProperties(0, 8, null, java.time.Duration.ofHours(24), java.time.Duration.ofSeconds(30),
                java.time.Duration.ofSeconds(1), maxMemory, 64L << 20);
    }
}
