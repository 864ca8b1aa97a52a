package dev.nst.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * What a picture's container says beside its pixels, read from the raw bytes without decoding them: the EXIF
 * orientation (JPEG APP1, PNG eXIf, WebP EXIF, TIFF tag 274), the embedded colour profile (PNG iCCP, JPEG APP2, WebP
 * ICCP, TIFF tag 34675) and text entries (PNG tEXt, iTXt and zTXt; JPEG comments, {@code Keyword: text} ones split
 * into keyword and text; TIFF ImageDescription and Software). Anything unreadable is left out: a broken header is the
 * decoder's to report.
 *
 * @param container   the kind of file the headers come from
 * @param orientation how the stored pixels stand
 * @param profile     the embedded ICC profile, or null
 * @param text        text entries by keyword, in file order
 */
public record ImageHeaders(Container container, Orientation orientation, byte[] profile, Map<String, String> text) {

    /** The containers whose headers are read. */
    public enum Container { PNG, JPEG, WEBP, TIFF, OTHER }

    /**
     * The profile the decoder must apply itself: the JDK's PNG reader ignores iCCP, while the JPEG, WebP and TIFF
     * readers convert to sRGB or describe the profile in their colour model.
     */
    public byte[] profileToApply() {
        return container == Container.PNG ? profile : null;
    }

    static final int TIFF_ORIENTATION = 274;
    static final int TIFF_IMAGE_DESCRIPTION = 270;
    static final int TIFF_SOFTWARE = 305;
    static final int TIFF_ICC_PROFILE = 34675;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int MAX_PROFILE = 16 << 20;

    public ImageHeaders {
        text = Map.copyOf(text);
    }

    /** Reads the headers of {@code bytes}, whatever the format; a format without such headers gives none. */
    public static ImageHeaders of(byte[] bytes) {
        Builder found = new Builder();
        try {
            if (startsWith(bytes, PNG_SIGNATURE)) {
                found.container = Container.PNG;
                png(bytes, found);
            } else if (bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8) {
                found.container = Container.JPEG;
                jpeg(bytes, found);
            } else if (bytes.length > 12 && ascii(bytes, 0, 4).equals("RIFF") && ascii(bytes, 8, 4).equals("WEBP")) {
                found.container = Container.WEBP;
                webp(bytes, found);
            } else if (isTiff(bytes, 0)) {
                found.container = Container.TIFF;
                tiff(bytes, 0, bytes.length, found, true);
            }
        } catch (RuntimeException e) {
            // A header that cannot be read says nothing; the decoder reports what is wrong with the file.
        }
        return new ImageHeaders(found.container, found.orientation, found.profile, found.text);
    }

    private static final class Builder {
        Container container = Container.OTHER;
        Orientation orientation = Orientation.UPRIGHT;
        byte[] profile;
        final Map<String, String> text = new LinkedHashMap<>();
        final java.util.TreeMap<Integer, byte[]> jpegProfile = new java.util.TreeMap<>();
    }

    private static void png(byte[] b, Builder found) {
        int p = PNG_SIGNATURE.length;
        while (p + 12 <= b.length) {
            long length = u32be(b, p);
            String type = ascii(b, p + 4, 4);
            int data = p + 8;
            if (length > b.length - data - 4L) {
                return;
            }
            int end = data + (int) length;
            switch (type) {
                case "eXIf" -> tiff(b, data, end, found, false);
                case "iCCP" -> {
                    int name = nul(b, data, end);
                    if (name + 2 <= end) {
                        found.profile = inflate(b, name + 2, end);
                    }
                }
                case "tEXt" -> {
                    int key = nul(b, data, end);
                    found.text.put(latin1(b, data, key - data), latin1(b, key + 1, end - key - 1));
                }
                case "zTXt" -> {
                    int key = nul(b, data, end);
                    found.text.put(latin1(b, data, key - data),
                            new String(inflate(b, key + 2, end), StandardCharsets.ISO_8859_1));
                }
                case "iTXt" -> internationalText(b, data, end, found);
                case "IEND" -> {
                    return;
                }
                default -> {
                }
            }
            p = end + 4;
        }
    }

    private static void internationalText(byte[] b, int data, int end, Builder found) {
        int key = nul(b, data, end);
        boolean compressed = b[key + 1] != 0;
        int language = nul(b, key + 3, end);
        int translated = nul(b, language + 1, end);
        byte[] value = compressed ? inflate(b, translated + 1, end)
                : java.util.Arrays.copyOfRange(b, translated + 1, end);
        found.text.put(latin1(b, data, key - data), new String(value, StandardCharsets.UTF_8));
    }

    private static void jpeg(byte[] b, Builder found) {
        int p = 2;
        while (p + 4 <= b.length && (b[p] & 0xff) == 0xff) {
            int marker = b[p + 1] & 0xff;
            if (marker == 0xd9 || marker == 0xda) {
                break;
            }
            int length = u16be(b, p + 2);
            int data = p + 4;
            int end = Math.min(b.length, p + 2 + length);
            if (marker == 0xe1 && end - data > 6 && ascii(b, data, 6).equals("Exif\0\0")) {
                tiff(b, data + 6, end, found, false);
            } else if (marker == 0xe2 && end - data > 14 && ascii(b, data, 12).equals("ICC_PROFILE\0")) {
                found.jpegProfile.put(b[data + 12] & 0xff, java.util.Arrays.copyOfRange(b, data + 14, end));
            } else if (marker == 0xfe) {
                comment(new String(b, data, end - data, StandardCharsets.UTF_8).strip(), found);
            }
            p = p + 2 + length;
        }
        if (!found.jpegProfile.isEmpty()) {
            ByteArrayOutputStream profile = new ByteArrayOutputStream();
            found.jpegProfile.values().forEach(profile::writeBytes);
            found.profile = profile.toByteArray();
        }
    }

    /** {@code Keyword: text} comments (as nst writes them) by keyword, others as {@code Comment}. */
    private static void comment(String comment, Builder found) {
        int colon = comment.indexOf(": ");
        if (colon > 0 && comment.substring(0, colon).matches("[A-Za-z][A-Za-z0-9 ._-]{0,78}")) {
            found.text.put(comment.substring(0, colon), comment.substring(colon + 2));
        } else {
            found.text.merge("Comment", comment, (a, c) -> a + "\n" + c);
        }
    }

    private static void webp(byte[] b, Builder found) {
        int p = 12;
        while (p + 8 <= b.length) {
            String type = ascii(b, p, 4);
            long size = u32le(b, p + 4);
            int data = p + 8;
            if (size > b.length - data) {
                return;
            }
            int end = data + (int) size;
            if (type.equals("ICCP")) {
                found.profile = java.util.Arrays.copyOfRange(b, data, end);
            } else if (type.equals("EXIF")) {
                int start = end - data > 6 && ascii(b, data, 6).equals("Exif\0\0") ? data + 6 : data;
                tiff(b, start, end, found, false);
            }
            p = end + (int) (size & 1);
        }
    }

    private static boolean isTiff(byte[] b, int at) {
        return b.length > at + 8 && ((b[at] == 'I' && b[at + 1] == 'I' && b[at + 2] == 42 && b[at + 3] == 0)
                || (b[at] == 'M' && b[at + 1] == 'M' && b[at + 2] == 0 && b[at + 3] == 42));
    }

    /** The first IFD of a TIFF structure at {@code start}; offsets are relative to it. */
    private static void tiff(byte[] b, int start, int end, Builder found, boolean descriptions) {
        if (!isTiff(b, start)) {
            return;
        }
        boolean little = b[start] == 'I';
        long ifd = u32(b, start + 4, little);
        if (ifd < 8 || start + ifd + 2 > end) {
            return;
        }
        int at = start + (int) ifd;
        int entries = u16(b, at, little);
        for (int i = 0; i < entries; i++) {
            int entry = at + 2 + 12 * i;
            if (entry + 12 > end) {
                return;
            }
            int tag = u16(b, entry, little);
            int type = u16(b, entry + 2, little);
            long count = u32(b, entry + 4, little);
            if (tag == TIFF_ORIENTATION && type == 3) {
                found.orientation = Orientation.ofTag(u16(b, entry + 8, little));
            } else if (descriptions && tag == TIFF_ICC_PROFILE && (type == 7 || type == 1) && count > 4) {
                long value = start + u32(b, entry + 8, little);
                if (count <= end - value) {
                    found.profile = java.util.Arrays.copyOfRange(b, (int) value, (int) (value + count));
                }
            } else if (descriptions && (tag == TIFF_IMAGE_DESCRIPTION || tag == TIFF_SOFTWARE) && type == 2) {
                int value = count <= 4 ? entry + 8 : start + (int) u32(b, entry + 8, little);
                if (count <= end - value) {
                    String text = new String(b, value, (int) count, StandardCharsets.UTF_8).replace("\0", "").strip();
                    found.text.put(tag == TIFF_SOFTWARE ? "Software" : "Description", text);
                }
            }
        }
    }

    private static byte[] inflate(byte[] b, int from, int to) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(b, from, to - from);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(chunk, 0, n);
                if (out.size() > MAX_PROFILE) {
                    throw new IllegalStateException("compressed data too large");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        } finally {
            inflater.end();
        }
    }

    private static int nul(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        throw new IllegalStateException("no terminator");
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }

    private static String latin1(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }

    private static int u16be(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static long u32be(byte[] b, int at) {
        return (long) (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static long u32le(byte[] b, int at) {
        return (long) (b[at + 3] & 0xff) << 24 | (b[at + 2] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at] & 0xff);
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? (b[at + 1] & 0xff) << 8 | (b[at] & 0xff) : u16be(b, at);
    }

    private static long u32(byte[] b, int at, boolean little) {
        return little ? u32le(b, at) : u32be(b, at);
    }
}
