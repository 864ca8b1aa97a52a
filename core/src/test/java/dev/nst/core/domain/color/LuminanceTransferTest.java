package dev.nst.core.domain.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.color.LuminanceTransfer.LumaStatistics;
import org.junit.jupiter.api.Test;

class LuminanceTransferTest {

    @Test
    void greyHasThreeEqualChannelsOfTheLuma() {
        RgbImage image = YuvTest.randomPicture(9, 7, 5);

        RgbImage grey = LuminanceTransfer.grey(image);

        float[] luma = Yuv.luma(image);
        for (int x = 0; x < 9; x++) {
            for (int y = 0; y < 7; y++) {
                float expected = luma[y * 9 + x];
                assertThat(grey.sample(0, x, y)).isEqualTo(expected);
                assertThat(grey.sample(1, x, y)).isEqualTo(expected);
                assertThat(grey.sample(2, x, y)).isEqualTo(expected);
            }
        }
        assertThat(LuminanceTransfer.grey(grey)).as("grey is a fixed point").satisfies(twice -> {
            for (int i = 0; i < 9 * 7; i++) {
                assertThat(twice.planes()[i]).isCloseTo(grey.planes()[i], within(1e-3f));
            }
        });
    }

    @Test
    void theStylesLuminanceTakesTheContentsMeanAndStandardDeviation() {
        RgbImage content = YuvTest.randomPicture(23, 11, 6);
        RgbImage style = RgbImage.ofPackedRgb(3, 2, new int[] {0x101010, 0x202020, 0x303030, 0x404080, 0x102030, 0});
        LumaStatistics target = LumaStatistics.of(content);

        RgbImage matched = LuminanceTransfer.matched(style, target);

        LumaStatistics actual = LumaStatistics.of(matched);
        assertThat(actual.mean()).isCloseTo(target.mean(), within(1e-3));
        assertThat(actual.standardDeviation()).isCloseTo(target.standardDeviation(), within(1e-3));
        assertThat(matched.sample(0, 1, 1)).isEqualTo(matched.sample(2, 1, 1));
    }

    @Test
    void aFlatStyleIsOnlyShifted() {
        RgbImage flat = RgbImage.ofPackedRgb(2, 2, new int[] {0x404040, 0x404040, 0x404040, 0x404040});

        RgbImage matched = LuminanceTransfer.matched(flat, new LumaStatistics(100, 30));

        assertThat(matched.planes()).containsOnly(100f);
    }
}
