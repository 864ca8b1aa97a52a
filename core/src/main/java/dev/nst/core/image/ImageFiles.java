package dev.nst.core.image;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.RgbImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import dev.nst.core.domain.TransferFailedException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Reads and writes pictures with the JDK's Image I/O (PNG, JPEG, BMP, GIF, WBMP). Every failure is an
 * {@link InvalidInputException} that names the file and says what is wrong with it; dimensions are checked from the
 * header before any pixel is decoded, and files are written atomically (never a half-written file under the name).
 */
public final class ImageFiles {

    /** Default decoding limit: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    private ImageFiles() {
    }

    /** The width and height stored in an image header. */
    public record Dimensions(int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
    }

    public static RgbImage read(Path file) {
        return read(file, DEFAULT_MAX_PIXELS);
    }

    public static RgbImage read(Path file, long maxPixels) {
        byte[] bytes = readBytes(file);
        return decode(bytes, file.toString(), maxPixels);
    }

    /** Decodes an image held in memory; {@code name} identifies it in messages. */
    public static RgbImage decode(byte[] bytes, String name, long maxPixels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in, name);
            try {
                reader.setInput(in, true, true);
                Dimensions size = new Dimensions(reader.getWidth(0), reader.getHeight(0));
                requireWithinLimit(name, size, maxPixels);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                for (String warning : warnings) {
                    if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                        throw new InvalidInputException(name + ": truncated image (" + warning.trim() + ")");
                    }
                }
                return toRgb(image);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(name + ": corrupt or truncated image (" + describe(e) + ")", e);
        }
    }

    /** The dimensions from the header of an in-memory image, without decoding its pixels. */
    public static Dimensions dimensions(byte[] bytes, String name) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in, name);
            try {
                reader.setInput(in, true, true);
                return new Dimensions(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(name + ": corrupt image header (" + describe(e) + ")", e);
        }
    }

    /** The format an output path asks for, from its extension: {@code png} or {@code jpg}. */
    public static String outputFormat(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "jpg";
        }
        throw new InvalidInputException(file + ": unsupported output format; use a .png or .jpg file name");
    }

    /**
     * Writes {@code image} as PNG or JPEG (by extension), atomically replacing any file of that name. The file gets
     * the usual permissions (the process umask), as any file the user writes.
     *
     * @throws TransferFailedException when the file cannot be written (the previous file, if any, is left as it was)
     */
    public static void write(RgbImage image, Path file) {
        byte[] encoded = encode(image, outputFormat(file));
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
        try {
            Files.createDirectories(dir);
            try {
                Files.write(temp, encoded, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                moveIntoPlace(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new TransferFailedException("cannot write " + file + ": " + describe(e), e);
        }
    }

    /** Encodes {@code image} as PNG or JPEG into memory. */
    public static byte[] encode(RgbImage image, String format) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            encode(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void encode(RgbImage image, String format, ImageOutputStream out) throws IOException {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        buffered.setRGB(0, 0, image.width(), image.height(), image.toPackedRgb(), 0, image.width());
        String formatName = format.equals("jpg") ? "jpeg" : format;
        Iterator<ImageWriter> writers = ImageIO.getImageWriters(ImageTypeSpecifier.createFromRenderedImage(buffered), formatName);
        ImageWriter writer = writers.next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (formatName.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.95f);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(buffered, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static void moveIntoPlace(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(file + ": is a directory, not an image");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(file + ": permission denied");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + describe(e) + ")", e);
        }
    }

    private static ImageReader readerFor(ImageInputStream in, String name) {
        if (in == null) {
            throw new InvalidInputException(name + ": cannot be read");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new InvalidInputException(name + ": not an image in a supported format (PNG, JPEG, BMP, GIF)");
        }
        return readers.next();
    }

    private static void requireWithinLimit(String name, Dimensions size, long maxPixels) {
        if (size.width() <= 0 || size.height() <= 0) {
            throw new InvalidInputException(name + ": image has no pixels (" + size.width() + "x" + size.height() + ")");
        }
        if (size.pixels() > maxPixels) {
            throw new InvalidInputException(name + ": " + size.width() + "x" + size.height()
                    + " px is larger than the limit of " + maxPixels / 1_000_000 + " megapixels");
        }
    }

    /** Samples are composited over white where the image has transparency. */
    private static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = isGrey(image) ? greyToArgb(image) : image.getRGB(0, 0, w, h, null, 0, w);
        if (image.getColorModel().hasAlpha()) {
            for (int i = 0; i < argb.length; i++) {
                int p = argb[i];
                int a = p >>> 24;
                if (a != 255) {
                    argb[i] = (over(p >> 16, a) << 16) | (over(p >> 8, a) << 8) | over(p, a);
                }
            }
        }
        return RgbImage.ofPackedRgb(w, h, argb);
    }

    /**
     * Whether the image holds grey samples in the JDK's grey colour space, as Image I/O decodes 8- and 16-bit grey
     * PNGs and grey JPEGs. That colour space is linear, so {@link BufferedImage#getRGB} would gamma-encode the stored
     * values (grey 50 would read as 122); the samples are the file's grey levels and are taken as they are.
     */
    private static boolean isGrey(BufferedImage image) {
        ColorModel model = image.getColorModel();
        return model instanceof ComponentColorModel && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !model.isAlphaPremultiplied();
    }

    private static int[] greyToArgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        boolean alpha = model.hasAlpha();
        double greyMax = (1 << model.getComponentSize(0)) - 1;
        double alphaMax = alpha ? (1 << model.getComponentSize(1)) - 1 : 1;
        int[] pixel = new int[raster.getNumBands()];
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.getPixel(x, y, pixel);
                int v = (int) Math.round(pixel[0] * 255 / greyMax);
                int a = alpha ? (int) Math.round(pixel[1] * 255 / alphaMax) : 255;
                argb[y * w + x] = a << 24 | v << 16 | v << 8 | v;
            }
        }
        return argb;
    }

    private static int over(int channel, int alpha) {
        return ((channel & 0xff) * alpha + 255 * (255 - alpha) + 127) / 255;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (message != null && !message.isBlank()) {
            return message;
        }
        return e instanceof java.io.EOFException ? "unexpected end of data" : "unreadable data";
    }

    /** Reads the whole stream (convenience for adapters that receive uploads). */
    public static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
