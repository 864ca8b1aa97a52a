package dev.nst.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShapeTest {

    @Test
    void sizeAreaAndGramOfAFeatureMap() {
        Shape shape = new Shape(8, 5, 7);

        assertThat(shape.size()).isEqualTo(280);
        assertThat(shape.area()).isEqualTo(35);
        assertThat(shape.gram()).isEqualTo(new Shape(1, 8, 8));
        assertThat(shape).hasToString("8x5x7");
    }

    @ParameterizedTest
    @CsvSource({"0, 1, 1", "1, 0, 1", "1, 1, 0", "-3, 4, 4"})
    void everyDimensionMustBePositive(int c, int h, int w) {
        assertThatThrownBy(() -> new Shape(c, h, w))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(c + "x" + h + "x" + w);
    }

    @Test
    void elementCountsPassTwoToTheThirtyOneWithoutOverflowing() {
        // conv1_1 of a 6000 x 6000 image
        Shape shape = new Shape(64, 6000, 6000);

        assertThat(shape.size()).isEqualTo(2_304_000_000L);
        assertThat(shape.area()).isEqualTo(36_000_000L);
        assertThat(shape.intArea()).isEqualTo(36_000_000);
    }

    @Test
    void aTensorTooLargeForAnIntIndexIsRefusedWhereAnIntIsNeeded() {
        Shape shape = new Shape(512, 4096, 4096);

        assertThatThrownBy(shape::intSize)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("512x4096x4096")
                .hasMessageContaining("8589934592");
    }
}
