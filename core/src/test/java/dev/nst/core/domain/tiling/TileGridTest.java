package dev.nst.core.domain.tiling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.VggLayer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TileGridTest {

    static Stream<Arguments> grids() {
        List<VggLayer> layers = List.of(VggLayer.RELU1_1, VggLayer.RELU2_1, VggLayer.RELU3_1, VggLayer.RELU4_2,
                VggLayer.RELU5_1, VggLayer.POOL5);
        Stream.Builder<Arguments> all = Stream.builder();
        for (VggLayer layer : layers) {
            for (int[] size : new int[][] {{300, 200}, {1000, 17 * 32}, {2000, 1500}, {257, 511}, {64, 1234}}) {
                for (int interior : new int[] {16, 64, 100, 512, 1024}) {
                    if (size[0] >= layer.minimumInputSide() && size[1] >= layer.minimumInputSide()) {
                        all.add(Arguments.of(layer, size[0], size[1], interior));
                    }
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0} {1}x{2} interiors of {3}")
    @MethodSource("grids")
    void interiorsPartitionEveryLayerAndEachTileReadsWhatItsInteriorNeeds(VggLayer deepest, int width, int height,
                                                                           int interior) {
        ReceptiveField field = ReceptiveField.of(deepest);
        TileGrid grid = TileGrid.of(width, height, interior, field);

        for (Tile tile : grid.tiles()) {
            assertThat(tile.x().length()).isEqualTo(grid.tileWidth());
            assertThat(tile.y().length()).isEqualTo(grid.tileHeight());
            assertThat(tile.x().end()).isLessThanOrEqualTo(width);
            assertThat(tile.y().end()).isLessThanOrEqualTo(height);
            assertThat(tile.x().start() % field.stride()).isZero();
            assertThat(tile.y().start() % field.stride()).isZero();
            if (grid.tileWidth() < width) {
                assertThat(tile.interiorX().length()).isLessThanOrEqualTo(grid.interior());
            }
            if (grid.tileHeight() < height) {
                assertThat(tile.interiorY().length()).isLessThanOrEqualTo(grid.interior());
            }
            assertReads(tile.x(), tile.interiorX(), width, field);
            assertReads(tile.y(), tile.interiorY(), height, field);
        }
        for (int p = 0; p <= deepest.poolingsBefore(); p++) {
            int poolings = p;
            int[] covered = new int[(width >> p) * (height >> p)];
            for (Tile tile : grid.tiles()) {
                tile.interiorInImageAt(poolings).ifPresent(r -> {
                    Rect inTile = tile.interiorInTileAt(poolings).orElseThrow();
                    assertThat(inTile.y() + inTile.height()).isLessThanOrEqualTo(grid.tileHeight() >> poolings);
                    assertThat(inTile.x() + inTile.width()).isLessThanOrEqualTo(grid.tileWidth() >> poolings);
                    assertThat(r.y() - inTile.y()).isEqualTo(tile.y().start() >> poolings);
                    for (int y = r.y(); y < r.y() + r.height(); y++) {
                        for (int x = r.x(); x < r.x() + r.width(); x++) {
                            covered[y * (width >> poolings) + x]++;
                        }
                    }
                });
            }
            assertThat(covered).as("features after %d poolings each in exactly one interior", p).containsOnly(1);
        }
    }

    /** Every pixel the interior's features read (where the image has one) lies in the tile. */
    private static void assertReads(Span tile, Span interior, int side, ReceptiveField field) {
        int first = Math.max(0, interior.start() - field.before());
        int last = Math.min(side - 1, interior.end() - 1 + field.after());
        assertThat(tile.start()).as("tile %s for interior %s", tile, interior).isLessThanOrEqualTo(first);
        assertThat(tile.end() - 1).as("tile %s for interior %s", tile, interior).isGreaterThanOrEqualTo(last);
    }

    @Test
    void anInteriorAsLargeAsTheImageIsTheWholeImage() {
        TileGrid grid = TileGrid.of(300, 200, 512, ReceptiveField.of(VggLayer.RELU5_1));

        assertThat(grid.isWhole()).isTrue();
        assertThat(grid.tiles()).singleElement().satisfies(t -> assertThat(t.isWholeImage()).isTrue());
        assertThat(grid.overlap()).isEqualTo(1.0);
    }

    @Test
    void theIssuesCaseCutsTheWidthIntoFiveTilesAndLeavesTheHeightWhole() {
        TileGrid grid = TileGrid.of(300, 200, 64, ReceptiveField.of(VggLayer.RELU5_1));

        assertThat(grid.tiles()).hasSize(5);
        assertThat(grid.tileHeight()).isEqualTo(200);
        assertThat(grid.tileWidth()).isGreaterThanOrEqualTo(64 + 80 + 70).isLessThan(300);
        assertThat((300 - grid.tileWidth()) % 16).isZero();
    }

    @Test
    void tilesAreSmallWhereTheHaloIsSmall() {
        TileGrid grid = TileGrid.of(300, 200, 64, ReceptiveField.of(VggLayer.RELU3_1));

        assertThat(grid.tiles()).hasSize(5 * 4);
        assertThat(TileGrid.tileSide(64, ReceptiveField.of(VggLayer.RELU3_1))).isEqualTo(64 + 12 + 10);
        assertThat(grid.overlap()).isGreaterThan(1.0);
    }
}
