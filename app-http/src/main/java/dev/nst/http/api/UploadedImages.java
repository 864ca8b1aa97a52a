package dev.nst.http.api;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.image.ImageFiles;
import dev.nst.core.image.ImageInfo;
import dev.nst.http.job.ServerBusyException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Turns uploaded files into images within the limits: the dimensions are read from the header and checked before
 * any pixel is decoded (a 30000x30000 PNG is refused without allocating it); only a few uploads are decoded at a
 * time, and only as many as their decoding fits the heap together ({@link DecodeMemory}): decoding a large image
 * takes several times its pixel count in bytes. One instance serves every endpoint that takes pictures.
 */
@Singleton
final class UploadedImages {

    private static final Duration DECODE_WAIT = Duration.ofSeconds(30);
    private static final long MIB = 1L << 20;

    private final RequestLimits limits;
    private final DecodeMemory memory;
    private final Semaphore decoders;
    private final Duration patience;

    @jakarta.inject.Inject
    UploadedImages(RequestLimits limits, DecodeMemory memory) {
        this(limits, memory, DECODE_WAIT);
    }

    /** @param patience how long an upload waits for the memory and a decoder before it is turned away as busy */
    UploadedImages(RequestLimits limits, DecodeMemory memory, Duration patience) {
        this.limits = limits;
        this.memory = memory;
        this.decoders = new Semaphore(limits.concurrentDecodes(), true);
        this.patience = patience;
    }

    /**
     * @param field the part the file came in, named in errors
     * @param label how the file is named in messages, e.g. {@code style 2 (waves.png)}
     * @throws FieldException      for an empty, corrupt, truncated, unsupported or too large file
     * @throws ServerBusyException when other uploads kept the decoders busy for too long
     */
    RgbImage decode(String field, String label, byte[] bytes) {
        return decode(field, label, bytes, UnaryOperator.identity());
    }

    /**
     * Decodes the file and hands the full picture to {@code shrink} while its memory is still reserved; what
     * {@code shrink} returns is kept.
     */
    RgbImage decode(String field, String label, byte[] bytes, UnaryOperator<RgbImage> shrink) {
        if (bytes.length == 0) {
            throw new FieldException(field, label + ": empty file");
        }
        ImageInfo header = checked(field, () -> ImageFiles.info(bytes, label));
        ImageFiles.Dimensions size = header.upright();
        if (size.width() > limits.maxSide() || size.height() > limits.maxSide()) {
            throw new FieldException(field, label + ": " + size.width() + "x" + size.height() + " px; this server"
                    + " takes images of at most " + limits.maxSide() + " px per side");
        }
        if (size.pixels() > limits.maxPixels()) {
            throw new FieldException(field, label + ": " + size.width() + "x" + size.height() + " px is "
                    + size.pixels() + " pixels; this server takes at most " + limits.maxPixels() + " per image");
        }
        long needs = header.decodingBytes();
        if (!memory.canEverFit(needs)) {
            double scale = Math.sqrt((double) memory.budget() / needs);
            throw new FieldException(field, label + ": " + size.width() + "x" + size.height() + " px takes about "
                    + mib(needs) + " MiB to decode, and this server decodes at most " + mib(memory.budget())
                    + " MiB at once (nst.limits.decode-memory); send it at most "
                    + (int) (size.width() * scale) + "x" + (int) (size.height() * scale) + " px");
        }
        try (DecodeMemory.Reservation reserved = reserve(needs)) {
            acquireDecoder();
            try {
                return shrink.apply(checked(field, () -> ImageFiles.decode(bytes, label, limits.maxPixels())));
            } finally {
                decoders.release();
            }
        }
    }

    private static long mib(long bytes) {
        return (bytes + MIB - 1) / MIB;
    }

    private DecodeMemory.Reservation reserve(long bytes) {
        try {
            DecodeMemory.Reservation reservation = memory.reserve(bytes, patience);
            if (reservation == null) {
                throw new ServerBusyException("the server is busy decoding other large uploads; try again shortly",
                        Duration.ofSeconds(10));
            }
            return reservation;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerBusyException("the server is shutting down", Duration.ofSeconds(30));
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
            if (!decoders.tryAcquire(patience.toMillis(), TimeUnit.MILLISECONDS)) {
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
