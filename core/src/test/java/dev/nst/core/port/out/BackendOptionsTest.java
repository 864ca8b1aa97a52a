package dev.nst.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Setting;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BackendOptionsTest {

    @ParameterizedTest
    @CsvSource({"fp32, FP32", "tf32, TF32", "TF32, TF32", "' fp32 ', FP32"})
    void precisionIsParsedFromItsName(String text, Precision expected) {
        assertThat(Precision.parse(text)).isEqualTo(expected);
        assertThat(expected.id()).isEqualTo(expected.name().toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "fp16", "", "float32"})
    void anUnknownPrecisionIsBadInputNamingTheChoices(String text) {
        assertThatThrownBy(() -> Precision.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown precision '" + text.trim() + "'; use fp32 or tf32");
    }

    @Test
    void theDefaultIsFloat32OnEveryCore() {
        assertThat(BackendOptions.DEFAULT.precision()).isEqualTo(Precision.FP32);
        assertThat(new BackendOptions(3).precision()).isEqualTo(Precision.FP32);
        assertThat(BackendOptions.DEFAULT.effectiveThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void threadsMustNotBeNegativeAndAPrecisionIsRequired() {
        assertThatThrownBy(() -> new BackendOptions(-1, Precision.TF32))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.setting()).contains(Setting.THREADS);
                    assertThat(e.describe(s -> "--threads")).isEqualTo("--threads must be >= 0, got -1");
                });
        assertThatThrownBy(() -> new BackendOptions(0, null)).isInstanceOf(InvalidInputException.class);
    }
}
