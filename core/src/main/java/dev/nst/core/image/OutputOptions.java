package dev.nst.core.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a picture is written.
 *
 * @param format      the file format
 * @param bitDepth    bits a sample, 8 or 16 (PNG and TIFF hold both, JPEG 8 only)
 * @param jpegQuality JPEG's quality, 1..100 (other formats are lossless)
 * @param text        what the file says of itself, by keyword ({@code Software}, {@code Description}, ...): PNG
 *                    text entries, TIFF tags, a JPEG comment
 */
public record OutputOptions(ImageFormat format, int bitDepth, int jpegQuality, Map<String, String> text) {

    public static final int DEFAULT_JPEG_QUALITY = 95;

    public OutputOptions {
        Objects.requireNonNull(format, "format");
        if (!format.holds(bitDepth)) {
            throw new IllegalArgumentException(format + " does not hold " + bitDepth + " bits a sample");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1..100, got " + jpegQuality);
        }
        text = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(text));
    }

    /** The format's own depth, JPEG quality 95, no text. */
    public static OutputOptions of(ImageFormat format) {
        return new OutputOptions(format, format.defaultBitDepth(), DEFAULT_JPEG_QUALITY, Map.of());
    }

    public OutputOptions withText(Map<String, String> entries) {
        return new OutputOptions(format, bitDepth, jpegQuality, entries);
    }
}
