package dev.nst.core.image;

import dev.nst.core.domain.RgbImage;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;

/**
 * Baseline TIFF, written directly: little-endian, interleaved RGB or RGBA (unassociated alpha), 8 or 16 bits a
 * sample, Deflate-compressed strips with horizontal differencing (predictor 2), tagged with the sRGB ICC profile, and
 * the picture's making in ImageDescription and Software. Image I/O has no TIFF writer of its own; writing these few
 * tags needs none.
 */
final class TiffWriter {

    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int ASCII = 2;
    private static final int UNDEFINED = 7;
    private static final int STRIP_BYTES = 64 * 1024;

    private TiffWriter() {
    }

    static byte[] write(RgbImage image, int bits, Map<String, String> text) {
        int w = image.width();
        int h = image.height();
        int samples = image.hasAlpha() ? 4 : 3;
        int bytesPerSample = bits / 8;
        int rowBytes = w * samples * bytesPerSample;
        int rowsPerStrip = Math.max(1, STRIP_BYTES / rowBytes);
        List<byte[]> strips = strips(image, bits, samples, rowsPerStrip);

        Map<Integer, Field> tags = new TreeMap<>();
        tags.put(256, Field.longs(w));
        tags.put(257, Field.longs(h));
        tags.put(258, Field.shorts(repeat(bits, samples)));
        tags.put(259, Field.shorts(8));
        tags.put(262, Field.shorts(2));
        String description = text.get("Description");
        if (description != null) {
            tags.put(270, Field.ascii(description));
        }
        tags.put(273, Field.longs(new int[strips.size()]));
        tags.put(277, Field.shorts(samples));
        tags.put(278, Field.longs(rowsPerStrip));
        tags.put(279, Field.longs(strips.stream().mapToInt(s -> s.length).toArray()));
        tags.put(284, Field.shorts(1));
        String software = text.get("Software");
        if (software != null) {
            tags.put(305, Field.ascii(software));
        }
        tags.put(317, Field.shorts(2));
        if (samples == 4) {
            tags.put(338, Field.shorts(2));
        }
        tags.put(34675, new Field(UNDEFINED, ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));

        int ifd = 8;
        int data = ifd + 2 + 12 * tags.size() + 4;
        int[] stripOffsets = new int[strips.size()];
        int end = data;
        for (Field field : tags.values()) {
            end += field.outOfLine() ? align(field.bytes().length) : 0;
        }
        for (int i = 0; i < strips.size(); i++) {
            stripOffsets[i] = end;
            end += align(strips.get(i).length);
        }
        tags.put(273, Field.longs(stripOffsets));

        ByteBuffer out = ByteBuffer.allocate(end).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        out.putShort((short) tags.size());
        int next = data;
        for (Map.Entry<Integer, Field> entry : tags.entrySet()) {
            Field field = entry.getValue();
            out.putShort(entry.getKey().shortValue()).putShort((short) field.type()).putInt(field.count());
            if (field.outOfLine()) {
                out.putInt(next);
                next += align(field.bytes().length);
            } else {
                byte[] inline = java.util.Arrays.copyOf(field.bytes(), 4);
                out.put(inline);
            }
        }
        out.putInt(0);
        for (Field field : tags.values()) {
            if (field.outOfLine()) {
                out.put(field.bytes());
                pad(out, field.bytes().length);
            }
        }
        for (byte[] strip : strips) {
            out.put(strip);
            pad(out, strip.length);
        }
        return out.array();
    }

    /** Rows of interleaved samples, each differenced from its left neighbour, compressed strip by strip. */
    private static List<byte[]> strips(RgbImage image, int bits, int samples, int rowsPerStrip) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        float[] rgb = image.planes();
        float[] alpha = image.alpha();
        double scale = bits == 16 ? 65535.0 / 255 : 1;
        int max = bits == 16 ? 65535 : 255;
        List<byte[]> strips = new ArrayList<>();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            for (int y0 = 0; y0 < h; y0 += rowsPerStrip) {
                int rows = Math.min(rowsPerStrip, h - y0);
                ByteBuffer raw = ByteBuffer.allocate(rows * w * samples * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
                int[] previous = new int[samples];
                for (int y = y0; y < y0 + rows; y++) {
                    java.util.Arrays.fill(previous, 0);
                    for (int x = 0; x < w; x++) {
                        int i = y * w + x;
                        for (int c = 0; c < samples; c++) {
                            float v = c < 3 ? rgb[c * n + i] : alpha[i];
                            int level = (int) Math.round(Math.min(255.0, Math.max(0.0, v)) * scale);
                            int difference = (level - previous[c]) & max;
                            previous[c] = level;
                            if (bits == 16) {
                                raw.putShort((short) difference);
                            } else {
                                raw.put((byte) difference);
                            }
                        }
                    }
                }
                strips.add(deflate(deflater, raw.array()));
            }
        } finally {
            deflater.end();
        }
        return strips;
    }

    private static byte[] deflate(Deflater deflater, byte[] raw) {
        deflater.reset();
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
        byte[] chunk = new byte[16 * 1024];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        return out.toByteArray();
    }

    private static int[] repeat(int value, int times) {
        int[] values = new int[times];
        java.util.Arrays.fill(values, value);
        return values;
    }

    private static int align(int length) {
        return length + (length & 1);
    }

    private static void pad(ByteBuffer out, int length) {
        if ((length & 1) != 0) {
            out.put((byte) 0);
        }
    }

    /** A tag's type, count and little-endian value bytes. */
    private record Field(int type, int count, byte[] bytes) {

        Field(int type, byte[] bytes) {
            this(type, bytes.length, bytes);
        }

        boolean outOfLine() {
            return bytes.length > 4;
        }

        static Field shorts(int... values) {
            ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : values) {
                b.putShort((short) v);
            }
            return new Field(SHORT, values.length, b.array());
        }

        static Field longs(int... values) {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : values) {
                b.putInt(v);
            }
            return new Field(LONG, values.length, b.array());
        }

        static Field ascii(String text) {
            byte[] utf8 = (text + "\0").getBytes(StandardCharsets.UTF_8);
            return new Field(ASCII, utf8.length, utf8);
        }
    }
}
