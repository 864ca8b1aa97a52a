package dev.nst.core.port.out;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.LossKernels.Region;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A region must lie within the tensor it is read from and, where it goes, within the one it is written to. */
class RegionTest {

    private static final Shape FROM = new Shape(3, 13, 17);
    private static final Shape TO = new Shape(3, 6, 9);

    @ParameterizedTest(name = "{2}x{3} at {0},{1} to {4},{5}")
    @CsvSource({"5, 7, 4, 8, 1, 1", "0, 0, 6, 9, 0, 0", "7, 8, 6, 9, 0, 0", "12, 16, 1, 1, 5, 8"})
    void aRegionWithinBothTensorsIsAccepted(int y, int x, int height, int width, int toY, int toX) {
        assertThatCode(() -> new Region(y, x, height, width).requireWithin(FROM, TO, toY, toX))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{2}x{3} at {0},{1} to {4},{5}")
    @CsvSource({
        "10, 0, 4, 8, 0, 0", // past the source's last row
        "0, 10, 4, 8, 0, 0", // past the source's last column
        "0, 0, 4, 8, 3, 0", // past the destination's last row
        "0, 0, 4, 8, 0, 2", // past the destination's last column
        "0, 0, 4, 8, -1, 0", // before the destination's first row
        "0, 0, 4, 8, 0, -1", // before the destination's first column
        "2147483000, 0, 1000, 1, 0, 0" // a row range that overflows an int
    })
    void aRegionOutsideEitherTensorIsRefused(int y, int x, int height, int width, int toY, int toX) {
        assertThatThrownBy(() -> new Region(y, x, height, width).requireWithin(FROM, TO, toY, toX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit");
    }

    @ParameterizedTest(name = "{0} channels into 3")
    @CsvSource({"1", "7"})
    void tensorsOfDifferentChannelCountsAreRefused(int channels) {
        assertThatThrownBy(() -> new Region(0, 0, 2, 2).requireWithin(new Shape(channels, 13, 17), TO, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
