package dev.nst.core.domain.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Setting;
import org.junit.jupiter.api.Test;

class ColorModeTest {

    @Test
    void parsesEveryModeByItsId() {
        for (ColorMode mode : ColorMode.values()) {
            assertThat(ColorMode.parse(" " + mode.id().toUpperCase() + " ")).isEqualTo(mode);
        }
    }

    @Test
    void anUnknownModeNamesTheSettingAndTheChoices() {
        assertThatThrownBy(() -> ColorMode.parse("sepia"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.setting()).contains(Setting.COLORS);
                    assertThat(e.getMessage()).contains("'sepia'", "style, original, luminance, histogram");
                });
    }
}
