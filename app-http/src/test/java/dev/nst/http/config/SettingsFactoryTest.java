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
        EngineSettings settings = factory.engineSettings(new NstProperties("cuda", "random", null, 3, "tf32"));

        assertThat(settings.backend()).isEqualTo("cuda");
        assertThat(settings.options().threads()).isEqualTo(3);
        assertThat(settings.options().precision()).isEqualTo(Precision.TF32);
    }

    @Test
    void anUnknownPrecisionIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> factory.engineSettings(new NstProperties("auto", "random", null, 0, "fp16")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown precision 'fp16'; use fp32 or tf32");
    }
}
