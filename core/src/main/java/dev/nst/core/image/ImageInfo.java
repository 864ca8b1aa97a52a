package dev.nst.core.image;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What a picture file is, for {@code nst info}: its format, its stored and upright size, its samples, its colour
 * profile, and what it says of itself (an nst result says how it was made).
 *
 * @param format       the format, as its reader names it (e.g. {@code png}, {@code JPEG}, {@code webp}, {@code tif})
 * @param stored       the dimensions as stored
 * @param orientation  how the stored pixels stand
 * @param bitsPerSample bits of each sample of the first band, e.g. 8 or 16
 * @param bands        samples per pixel as stored (1 grey, 3 colour, 4 with alpha or CMYK ...)
 * @param alpha        whether the picture has transparency
 * @param profile      the embedded colour profile's description, if there is one (nst converts it to sRGB)
 * @param text         the file's text entries by keyword
 */
public record ImageInfo(String format, ImageFiles.Dimensions stored, Orientation orientation, int bitsPerSample,
                        int bands, boolean alpha, Optional<String> profile, Map<String, String> text) {

    public ImageInfo {
        text = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(text));
    }

    /** The dimensions once turned upright, as nst reads the picture. */
    public ImageFiles.Dimensions upright() {
        return orientation.upright(stored);
    }

    /**
     * About the most Java heap that {@link ImageFiles#decode} takes for this picture: the decoded raster (at least 4
     * bytes a pixel, as palette and packed rasters are read), the float samples made from it, a converted copy where
     * a colour profile applies (or the samples are CMYK), and a turned copy where the orientation is not upright. A
     * server admits decodes by it, so that several large uploads at once wait for each other instead of running out
     * of memory.
     */
    public long decodingBytes() {
        long raster = Math.max(4, (bitsPerSample * bands + 7) / 8);
        long samples = 3L * Float.BYTES + (alpha ? Float.BYTES : 0);
        long converted = profile.isPresent() || bands == 4 && !alpha ? raster + samples : 0;
        long turned = orientation == Orientation.UPRIGHT ? 0 : samples;
        return stored.pixels() * (raster + samples + converted + turned);
    }

    /** The description ('desc' or 'mluc' tag) of an ICC profile, or a placeholder when it has none. */
    static String describe(byte[] profile) {
        try {
            byte[] tag = java.awt.color.ICC_Profile.getInstance(profile)
                    .getData(java.awt.color.ICC_Profile.icSigProfileDescriptionTag);
            if (tag != null && tag.length > 12) {
                String type = new String(tag, 0, 4, StandardCharsets.US_ASCII);
                if (type.equals("desc")) {
                    int length = (tag[8] & 0xff) << 24 | (tag[9] & 0xff) << 16 | (tag[10] & 0xff) << 8 | (tag[11] & 0xff);
                    return new String(tag, 12, Math.max(0, Math.min(length, tag.length - 12) - 1),
                            StandardCharsets.ISO_8859_1).strip();
                }
                if (type.equals("mluc") && tag.length >= 28) {
                    int length = (tag[20] & 0xff) << 24 | (tag[21] & 0xff) << 16 | (tag[22] & 0xff) << 8 | (tag[23] & 0xff);
                    int offset = (tag[24] & 0xff) << 24 | (tag[25] & 0xff) << 16 | (tag[26] & 0xff) << 8 | (tag[27] & 0xff);
                    if (offset + length <= tag.length) {
                        return new String(tag, offset, length, StandardCharsets.UTF_16BE).strip();
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return "unreadable ICC profile";
        }
        return "ICC profile without a description";
    }
}
