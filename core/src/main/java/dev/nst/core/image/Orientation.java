package dev.nst.core.image;

import dev.nst.core.domain.RgbImage;

/**
 * The EXIF orientation of a picture (TIFF tag 274): how its stored pixels are to be turned to stand upright. Phones
 * store what the sensor saw and tag the turn, so a portrait photo may be stored landscape, tagged {@link #ROTATE_90}.
 */
public enum Orientation {
    /** 1: stored upright. */
    UPRIGHT(1, false, false, false),
    /** 2: mirrored left to right. */
    MIRROR_HORIZONTAL(2, false, true, false),
    /** 3: upside down. */
    ROTATE_180(3, false, true, true),
    /** 4: mirrored top to bottom. */
    MIRROR_VERTICAL(4, false, false, true),
    /** 5: mirrored along the main diagonal. */
    TRANSPOSE(5, true, false, false),
    /** 6: turned a quarter anticlockwise; displayed turned a quarter clockwise. */
    ROTATE_90(6, true, true, false),
    /** 7: mirrored along the other diagonal. */
    TRANSVERSE(7, true, true, true),
    /** 8: turned a quarter clockwise; displayed turned a quarter anticlockwise. */
    ROTATE_270(8, true, false, true);

    private final int tag;
    private final boolean transposed;
    private final boolean mirrorX;
    private final boolean mirrorY;

    Orientation(int tag, boolean transposed, boolean mirrorX, boolean mirrorY) {
        this.tag = tag;
        this.transposed = transposed;
        this.mirrorX = mirrorX;
        this.mirrorY = mirrorY;
    }

    /** The EXIF value, 1 to 8. */
    public int tag() {
        return tag;
    }

    /** The orientation an EXIF value names; values outside 1..8 (which some cameras write) count as upright. */
    public static Orientation ofTag(int tag) {
        for (Orientation orientation : values()) {
            if (orientation.tag == tag) {
                return orientation;
            }
        }
        return UPRIGHT;
    }

    /** Whether width and height trade places. */
    public boolean swapsSides() {
        return transposed;
    }

    /** The upright dimensions of a picture stored as {@code stored}. */
    public ImageFiles.Dimensions upright(ImageFiles.Dimensions stored) {
        return transposed ? new ImageFiles.Dimensions(stored.height(), stored.width()) : stored;
    }

    /** The stored picture turned upright. */
    public RgbImage upright(RgbImage stored) {
        return this == UPRIGHT ? stored : stored.transformed(transposed, mirrorX, mirrorY);
    }
}
