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
    void aTensorTooLargeToIndexIsAnInputProblemNotAnOverflow() {
        Shape shape = new Shape(512, 4096, 4096);

        assertThatThrownBy(shape::size)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("512x4096x4096")
                .hasMessageContaining("too large");
    }
}
