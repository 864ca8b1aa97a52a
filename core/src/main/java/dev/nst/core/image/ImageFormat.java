package dev.nst.core.image;

import dev.nst.core.domain.InvalidInputException;
import java.nio.file.Path;
import java.util.Locale;

/** The formats nst writes its results in, chosen by the output file's extension. */
public enum ImageFormat {
    /** PNG, 8 or 16 bits a sample, with transparency; tagged sRGB, the making in tEXt/iTXt entries. */
    PNG("png", 8),
    /** JPEG, 8 bits a sample, opaque (transparency is flattened over white); the making in a comment. */
    JPEG("jpg", 8),
    /** TIFF, 16 (or 8) bits a sample, with transparency, Deflate-compressed; an sRGB profile, the making in tags. */
    TIFF("tif", 16);

    private final String extension;
    private final int defaultBitDepth;

    ImageFormat(String extension, int defaultBitDepth) {
        this.extension = extension;
        this.defaultBitDepth = defaultBitDepth;
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** Bits a sample when none is asked for. */
    public int defaultBitDepth() {
        return defaultBitDepth;
    }

    /** Whether the format holds {@code bits} bits a sample. */
    public boolean holds(int bits) {
        return bits == 8 || (bits == 16 && this != JPEG);
    }

    /**
     * The format {@code file}'s extension asks for: {@code .png}, {@code .jpg} or {@code .jpeg}, {@code .tif} or
     * {@code .tiff}.
     *
     * @throws InvalidInputException for any other extension
     */
    public static ImageFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return PNG;
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return JPEG;
        }
        if (name.endsWith(".tif") || name.endsWith(".tiff")) {
            return TIFF;
        }
        throw new InvalidInputException(file + ": unsupported output format; use a .png, .jpg or .tif file name");
    }
}
