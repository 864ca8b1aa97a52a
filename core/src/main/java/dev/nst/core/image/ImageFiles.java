package dev.nst.core.image;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.TransferFailedException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads and writes pictures with Java's Image I/O: PNG, JPEG, BMP and GIF with the JDK's own readers, and WebP,
 * TIFF and CMYK JPEG with whatever plugins the application puts on the class path (nst's apps bring TwelveMonkeys'),
 * found through Image I/O's service loader. A picture is read as people see it: its EXIF orientation applied first,
 * its embedded colour profile converted to sRGB, 16-bit samples kept at their precision, and its transparency kept
 * beside its colours. Every failure is an {@link InvalidInputException} that names the file and says what is wrong
 * with it; dimensions are checked from the header before any pixel is decoded, and files are written atomically
 * (never a half-written file under the name).
 */
public final class ImageFiles {

    /** Default decoding limit: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    static final String FORMATS = "PNG, JPEG, WebP, TIFF, BMP, GIF";

    private ImageFiles() {
    }

    /** The width and height of a picture. */
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

    /** Decodes an image held in memory, turned upright and in sRGB; {@code name} identifies it in messages. */
    public static RgbImage decode(byte[] bytes, String name, long maxPixels) {
        ImageHeaders headers = ImageHeaders.of(bytes);
        return withReader(bytes, name, "corrupt or truncated image", reader -> {
            Dimensions stored = new Dimensions(reader.getWidth(0), reader.getHeight(0));
            requireWithinLimit(name, headers.orientation().upright(stored), maxPixels);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0);
            for (String warning : warnings) {
                if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                    throw new InvalidInputException(name + ": truncated image (" + warning.trim() + ")");
                }
            }
            return headers.orientation().upright(Samples.of(image, headers.profileToApply()));
        });
    }

    /**
     * The dimensions of an in-memory image as it stands upright (its EXIF orientation applied), from its header,
     * without decoding its pixels.
     */
    public static Dimensions dimensions(byte[] bytes, String name) {
        return withReader(bytes, name, "corrupt image header", reader ->
                ImageHeaders.of(bytes).orientation().upright(new Dimensions(reader.getWidth(0), reader.getHeight(0))));
    }

    /** The dimensions of a picture file as it stands upright, from its header, without decoding its pixels. */
    public static Dimensions dimensions(Path file) {
        return dimensions(readBytes(file), file.toString());
    }

    /** What a picture file is and says of itself, from its headers, without decoding its pixels. */
    public static ImageInfo info(Path file) {
        return info(readBytes(file), file.toString());
    }

    /** What an in-memory picture is and says of itself, from its headers, without decoding its pixels. */
    public static ImageInfo info(byte[] bytes, String name) {
        ImageHeaders headers = ImageHeaders.of(bytes);
        return withReader(bytes, name, "corrupt image header", reader -> {
            Dimensions stored = new Dimensions(reader.getWidth(0), reader.getHeight(0));
            ImageTypeSpecifier type = rawType(reader);
            ColorModel model = type == null ? null : type.getColorModel();
            int bits = model == null ? 8 : model.getComponentSize(0);
            int bands = type == null ? 3 : type.getNumBands();
            boolean alpha = model != null && model.hasAlpha();
            Optional<String> profile = Optional.ofNullable(headers.profile()).map(ImageInfo::describe);
            return new ImageInfo(reader.getFormatName(), stored, headers.orientation(), bits, bands, alpha, profile,
                    headers.text());
        });
    }

    /** What {@link #withReader} does with the reader of a picture's bytes. */
    @FunctionalInterface
    private interface ReaderWork<T> {
        T apply(ImageReader reader) throws IOException;
    }

    /**
     * Runs {@code work} on the reader of {@code bytes}; any failure other than an {@link InvalidInputException}
     * becomes one, {@code name: failure (cause)}. The bytes are read through a stream cached in memory, never
     * through ImageIO's default cache file: they are in memory already, and a cache file that cannot be written
     * (a full or busy temporary folder) would make every reader decline a good picture as "not an image".
     */
    private static <T> T withReader(byte[] bytes, String name, String failure, ReaderWork<T> work) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in, name);
            try {
                reader.setInput(in, true, true);
                return work.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(name + ": " + failure + " (" + describe(e) + ")", e);
        }
    }

    private static ImageTypeSpecifier rawType(ImageReader reader) throws IOException {
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw != null) {
            return raw;
        }
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        return types.hasNext() ? types.next() : null;
    }

    /** The format an output path asks for, from its extension: {@code png}, {@code jpg} or {@code tif}. */
    public static String outputFormat(Path file) {
        return ImageFormat.of(file).extension();
    }

    /** Writes {@code image} in the format its extension asks for, at that format's usual depth, without text. */
    public static void write(RgbImage image, Path file) {
        write(image, file, OutputOptions.of(ImageFormat.of(file)));
    }

    /**
     * Writes {@code image} as {@code options} say, atomically replacing any file of that name. The file gets the usual
     * permissions (the process umask), as any file the user writes.
     *
     * @throws TransferFailedException when the file cannot be written (the previous file, if any, is left as it was)
     */
    public static void write(RgbImage image, Path file, OutputOptions options) {
        byte[] encoded = encode(image, options);
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

    /** Encodes {@code image} into memory as {@code options} say. */
    public static byte[] encode(RgbImage image, OutputOptions options) {
        return ImageEncoder.encode(image, options);
    }

    /** Encodes {@code image} into memory as an 8-bit PNG (with its transparency, if any) or JPEG. */
    public static byte[] encode(RgbImage image, String format) {
        return encode(image, OutputOptions.of(format.equals("png") ? ImageFormat.PNG
                : format.equals("tif") ? ImageFormat.TIFF : ImageFormat.JPEG));
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
            throw new InvalidInputException(name + ": not an image in a supported format (" + FORMATS + ")");
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
