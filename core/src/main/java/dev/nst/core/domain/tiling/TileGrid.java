package dev.nst.core.domain.tiling;

import java.util.ArrayList;
import java.util.List;

/**
 * The tiles the network runs on when a whole image would not fit: interiors of at most {@code interior} px that
 * partition the image, each read with a halo that covers the receptive field of the deepest layer a loss reads, so
 * that features, losses and gradients are those of the whole image (up to float rounding).
 *
 * <p>Along each axis the image is cut into {@code n = ceil(side / interior)} interiors of equal length (the last one
 * shorter), {@code ceil(side / n)} rounded up to the field's stride, so that their boundaries lie on the stride and
 * every pooling grid of a tile lines up with the whole image's; no interior is longer than {@code interior}.
 * Every tile has the same size ({@link #tileWidth()} x {@link #tileHeight()}: the longest interior plus both halos,
 * grown to keep the last tile's origin on the stride too), so one plan of the network serves them all; tiles at the
 * image's edges are shifted inwards rather than cut, which only widens their halo. An axis that one tile covers is not
 * cut: a grid of one tile is the whole image.
 */
public final class TileGrid {

    private final int width;
    private final int height;
    private final int interior;
    private final ReceptiveField field;
    private final int tileWidth;
    private final int tileHeight;
    private final Axis x;
    private final Axis y;
    private List<Tile> tiles;

    private TileGrid(int width, int height, int interior, ReceptiveField field, Axis x, Axis y) {
        this.width = width;
        this.height = height;
        this.interior = interior;
        this.field = field;
        this.tileWidth = x.tile;
        this.tileHeight = y.tile;
        this.x = x;
        this.y = y;
    }

    /** One tile: the whole image. */
    public static TileGrid whole(int width, int height) {
        return new TileGrid(width, height, Math.max(width, height), ReceptiveField.PIXEL, Axis.whole(width),
                Axis.whole(height));
    }

    /**
     * Tiles of a {@code width x height} image with interiors of at most {@code interior} px (rounded up to a multiple of
     * the field's stride) and halos covering {@code field}.
     */
    public static TileGrid of(int width, int height, int interior, ReceptiveField field) {
        if (interior <= 0) {
            throw new IllegalArgumentException("tile interior must be positive, got " + interior);
        }
        int rounded = roundUp(interior, field.stride());
        return new TileGrid(width, height, rounded, field, Axis.cut(width, rounded, field),
                Axis.cut(height, rounded, field));
    }

    /** The side of a tile that reads an interior of {@code interior} px with the halos {@code field} needs. */
    public static int tileSide(int interior, ReceptiveField field) {
        return roundUp(interior, field.stride()) + roundUp(field.before(), field.stride()) + field.after();
    }

    /** The tiles, row by row (made when first asked for: a plan only counts them). */
    public List<Tile> tiles() {
        if (tiles == null) {
            List<Tile> all = new ArrayList<>();
            for (int j = 0; j < y.origins.length; j++) {
                for (int i = 0; i < x.origins.length; i++) {
                    all.add(new Tile(all.size(), new Span(x.origins[i], x.origins[i] + x.tile),
                            new Span(y.origins[j], y.origins[j] + y.tile), new Span(x.bounds[i], x.bounds[i + 1]),
                            new Span(y.bounds[j], y.bounds[j + 1]), width, height));
                }
            }
            tiles = List.copyOf(all);
        }
        return tiles;
    }

    /** How many tiles. */
    public int count() {
        return x.origins.length * y.origins.length;
    }

    /** Whether one tile covers the whole image. */
    public boolean isWhole() {
        return count() == 1;
    }

    /** The most pixels of an interior along an axis (the tile size asked for, rounded up to the stride). */
    public int interior() {
        return interior;
    }

    /** Width of every tile, halo included. */
    public int tileWidth() {
        return tileWidth;
    }

    /** Height of every tile, halo included. */
    public int tileHeight() {
        return tileHeight;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public ReceptiveField field() {
        return field;
    }

    /** Pixels the network reads per evaluation over the image's pixels: what tiling costs, at least 1. */
    public double overlap() {
        return (double) count() * tileWidth * tileHeight / ((double) width * height);
    }

    @Override
    public String toString() {
        return isWhole() ? "whole " + width + "x" + height
                : count() + " tiles of " + tileWidth + "x" + tileHeight + " (interiors of " + interior + " px) over "
                + width + "x" + height;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** The cut of one axis: interior boundaries, tile origins and the tile's length. */
    private record Axis(int[] bounds, int[] origins, int tile) {

        static Axis whole(int side) {
            return new Axis(new int[] {0, side}, new int[] {0}, side);
        }

        static Axis cut(int side, int interior, ReceptiveField field) {
            int s = field.stride();
            int n = (side + interior - 1) / interior;
            int length = roundUp((side + n - 1) / n, s);
            List<Integer> bounds = new ArrayList<>();
            for (int b = 0; b < side; b += length) {
                bounds.add(b);
            }
            bounds.add(side);
            int longest = 0;
            for (int k = 1; k < bounds.size(); k++) {
                longest = Math.max(longest, bounds.get(k) - bounds.get(k - 1));
            }
            int before = roundUp(field.before(), s);
            int tile = longest + before + field.after();
            tile += Math.floorMod(side - tile, s); // the last origin, side - tile, on the stride
            if (bounds.size() == 2 || tile >= side) {
                return whole(side);
            }
            int[] b = bounds.stream().mapToInt(Integer::intValue).toArray();
            int[] origins = new int[b.length - 1];
            for (int k = 0; k < origins.length; k++) {
                origins[k] = Math.max(0, Math.min(b[k] - before, side - tile));
            }
            return new Axis(b, origins, tile);
        }
    }
}
