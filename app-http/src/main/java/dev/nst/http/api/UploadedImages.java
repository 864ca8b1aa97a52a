package dev.nst.http.api;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.image.ImageFiles;
import dev.nst.http.job.ServerBusyException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Turns uploaded files into images within the limits: the dimensions are read from the header and checked before
 * any pixel is decoded (a 30000x30000 PNG is refused without allocating it), and only a few uploads are decoded at a
 * time, since decoding a large image takes several times its pixel count in bytes.
 */
final class UploadedImages {

    private static final Duration DECODE_WAIT = Duration.ofSeconds(30);

    private final RequestLimits limits;
    private final Semaphore decoders;

    UploadedImages(RequestLimits limits) {
        this.limits = limits;
        this.decoders = new Semaphore(limits.concurrentDecodes(), true);
    }

    /**
     * @param field the part the file came in, named in errors
     * @param label how the file is named in messages, e.g. {@code style 2 (waves.png)}
     * @throws FieldException      for an empty, corrupt, truncated, unsupported or too large file
     * @throws ServerBusyException when other uploads kept the decoders busy for too long
     */
    RgbImage decode(String field, String label, byte[] bytes) {
        if (bytes.length == 0) {
            throw new FieldException(field, label + ": empty file");
        }
        ImageFiles.Dimensions size = checked(field, () -> ImageFiles.dimensions(bytes, label));
        if (size.width() > limits.maxSide() || size.height() > limits.maxSide()) {
            throw new FieldException(field, label + ": " + size.width() + "x" + size.height() + " px; this server"
                    + " takes images of at most " + limits.maxSide() + " px per side");
        }
        if (size.pixels() > limits.maxPixels()) {
            throw new FieldException(field, label + ": " + size.width() + "x" + size.height() + " px is "
                    + size.pixels() + " pixels; this server takes at most " + limits.maxPixels() + " per image");
        }
        acquireDecoder();
        try {
            return checked(field, () -> ImageFiles.decode(bytes, label, limits.maxPixels()));
        } finally {
            decoders.release();
        }
    }

    /** A file name as it may appear in a message: short, printable, no path. */
    static String label(String part, String filename) {
        String name = filename.replaceAll(".*[/\\\\]", "").replaceAll("[^\\w .()+-]", "_");
        if (name.length() > 60) {
            name = name.substring(0, 57) + "...";
        }
        return name.isBlank() ? part : part + " (" + name + ")";
    }

    private void acquireDecoder() {
        try {
            if (!decoders.tryAcquire(DECODE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ServerBusyException("the server is busy decoding other uploads; try again shortly",
                        Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerBusyException("the server is shutting down", Duration.ofSeconds(30));
        }
    }

    private static <T> T checked(String field, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (FieldException e) {
            throw e;
        } catch (InvalidInputException e) {
            throw new FieldException(field, e.getMessage(), e);
        }
    }
}
