package dev.nst.core.service;

import dev.nst.core.domain.Mask;
import dev.nst.core.domain.tiling.Rect;
import dev.nst.core.domain.tiling.Tile;
import dev.nst.core.domain.tiling.TileGrid;
import java.util.Optional;

/**
 * Position weights on a tile's grid at some layer: the weights of a mask (or 1) inside the tile's interior and 0
 * outside it, so that a Gram matrix taken over the tile counts its interior only.
 */
final class TilePlanes {

    private TilePlanes() {
    }

    /**
     * The plane of {@code tile} at a layer after {@code poolings} poolings ({@code (tileHeight >> poolings) x
     * (tileWidth >> poolings)} values).
     *
     * @param mask the mask over the whole image at that layer's grid, whose weights are squared, or null for 1
     *             everywhere
     */
    static float[] interior(TileGrid grid, Tile tile, int poolings, Mask mask) {
        int width = grid.tileWidth() >> poolings;
        int height = grid.tileHeight() >> poolings;
        float[] plane = new float[width * height];
        Optional<Rect> inTile = tile.interiorInTileAt(poolings);
        if (inTile.isEmpty()) {
            return plane;
        }
        Rect rect = inTile.get();
        Rect inImage = tile.interiorInImageAt(poolings).orElseThrow();
        float[] weights = mask == null ? null : mask.weights();
        for (int y = 0; y < rect.height(); y++) {
            for (int x = 0; x < rect.width(); x++) {
                float m = weights == null ? 1f : weights[(inImage.y() + y) * mask.width() + inImage.x() + x];
                plane[(rect.y() + y) * width + rect.x() + x] = m * m;
            }
        }
        return plane;
    }
}
