package dev.nst.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void aPicturesLumaOver255IsTheWeightAfterResizing() {
        RgbImage picture = RgbImage.ofPackedRgb(2, 1, new int[] {0xffffff, 0x000000});

        Mask mask = Mask.fromPicture(picture, 2, 1);

        assertThat(mask.weights()).containsExactly(1f, 0f);
        Mask red = Mask.fromPicture(RgbImage.ofPackedRgb(1, 1, new int[] {0xff0000}), 1, 1);
        assertThat(red.weights()[0]).isCloseTo(0.299f, within(1e-6f));
        Mask wide = Mask.fromPicture(picture, 8, 3);
        assertThat(wide.width()).isEqualTo(8);
        assertThat(wide.height()).isEqualTo(3);
        for (float w : wide.weights()) {
            assertThat(w).isBetween(0f, 1f);
        }
    }

    @Test
    void averagePoolingTakesTheMeanOf2x2BlocksAndDropsAnOddLastRowAndColumn() {
        Mask mask = Mask.of(5, 3, new float[] {
            1, 0, 1, 1, 1,
            0, 1, 0, 0, 1,
            1, 1, 1, 1, 1});

        Mask pooled = mask.averagePooled();

        assertThat(pooled.width()).isEqualTo(2);
        assertThat(pooled.height()).isEqualTo(1);
        assertThat(pooled.weights()).containsExactly(0.5f, 0.5f);
    }

    @Test
    void atALayerTheMaskIsPooledAsOftenAsTheNetworkIsBeforeIt() {
        Mask mask = Mask.of(37, 21, new float[37 * 21]);

        assertThat(mask.atLayer(VggLayer.RELU1_1)).isSameAs(mask);
        assertThat(size(mask.atLayer(VggLayer.RELU2_1))).containsExactly(18, 10);
        assertThat(size(mask.atLayer(VggLayer.RELU3_1))).containsExactly(9, 5);
        assertThat(size(mask.atLayer(VggLayer.RELU4_2))).containsExactly(4, 2);
        assertThat(size(mask.atLayer(VggLayer.POOL4))).containsExactly(2, 1);
    }

    @Test
    void sumAndSquares() {
        Mask mask = Mask.of(2, 2, new float[] {0.5f, 1, 0, 0.25f});

        assertThat(mask.sum()).isEqualTo(1.75);
        assertThat(mask.squaredWeights()).containsExactly(0.25f, 1f, 0f, 0.0625f);
    }

    @Test
    void weightsOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> Mask.of(1, 1, new float[] {1.5f})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mask.of(1, 1, new float[] {Float.NaN})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPictureIsBlackWhenNoPixelReachesHalfALevel() {
        assertThat(Mask.isBlack(RgbImage.ofPackedRgb(2, 1, new int[] {0, 0}))).isTrue();
        assertThat(Mask.isBlack(RgbImage.ofPackedRgb(2, 1, new int[] {0, 0x010101}))).isFalse();
    }

    private static int[] size(Mask mask) {
        return new int[] {mask.width(), mask.height()};
    }
}
