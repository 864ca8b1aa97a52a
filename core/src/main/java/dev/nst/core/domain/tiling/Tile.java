package dev.nst.core.domain.tiling;

import java.util.Optional;

/**
 * One tile of a {@link TileGrid}: the part of the image the network reads ({@code x} and {@code y}, the same size for
 * every tile of its grid) and, inside it, the interior whose features it contributes. Interiors of a grid's tiles
 * partition the image, and every tile's halo around its interior (where the image continues) covers the receptive
 * field of the deepest layer, so a tile computes its interior's features exactly as the whole image does.
 *
 * @param index     the tile's number in its grid, from 0, row by row
 * @param x         the columns the network reads
 * @param y         the rows the network reads
 * @param interiorX the columns whose features it contributes, within {@code x}
 * @param interiorY the rows whose features it contributes, within {@code y}
 */
public record Tile(int index, Span x, Span y, Span interiorX, Span interiorY, int imageWidth, int imageHeight) {

    public Tile {
        if (interiorX.start() < x.start() || interiorX.end() > x.end() || interiorY.start() < y.start()
                || interiorY.end() > y.end() || x.end() > imageWidth || y.end() > imageHeight) {
            throw new IllegalArgumentException("interior " + interiorX + "x" + interiorY + " outside tile " + x + "x" + y);
        }
    }

    /** What the network reads, in the image's pixels. */
    public Rect region() {
        return new Rect(y.start(), x.start(), y.length(), x.length());
    }

    /** Whether the tile is the whole image. */
    public boolean isWholeImage() {
        return x.start() == 0 && y.start() == 0 && x.end() == imageWidth && y.end() == imageHeight;
    }

    /**
     * The interior's features at a layer after {@code poolings} 2x2 poolings, in the coordinates of that layer's grid
     * over the tile; empty when none of the layer's features falls in it (an interior narrower than a pooled cell at
     * the image's edge). The image's last features along an axis are where the network's floor leaves them.
     */
    public Optional<Rect> interiorInTileAt(int poolings) {
        return interiorInImageAt(poolings).map(r -> new Rect(r.y() - (y.start() >> poolings),
                r.x() - (x.start() >> poolings), r.height(), r.width()));
    }

    /** As {@link #interiorInTileAt}, in the coordinates of that layer's grid over the whole image. */
    public Optional<Rect> interiorInImageAt(int poolings) {
        int x0 = interiorX.start() >> poolings;
        int x1 = interiorX.end() >> poolings;
        int y0 = interiorY.start() >> poolings;
        int y1 = interiorY.end() >> poolings;
        if (x1 <= x0 || y1 <= y0) {
            return Optional.empty();
        }
        return Optional.of(new Rect(y0, x0, y1 - y0, x1 - x0));
    }

    /** The whole tile at that layer's grid, in the coordinates of the layer's grid over the whole image. */
    public Rect regionInImageAt(int poolings) {
        return new Rect(y.start() >> poolings, x.start() >> poolings, y.length() >> poolings, x.length() >> poolings);
    }
}
