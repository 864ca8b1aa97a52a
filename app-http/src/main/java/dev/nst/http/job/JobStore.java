package dev.nst.http.job;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job records and results on disk: {@code <dir>/<id>.json} (a {@link JobSnapshot}) and {@code <dir>/<id>.png}. Every
 * file is written to a temporary name and moved into place, so a crash never leaves half a file under a job's name.
 */
class JobStore {

    private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final String RECORD = ".json";
    private static final String RESULT = ".png";
    private static final String PARTIAL = ".part";

    /** What the storage-full failure says to clients. */
    static final String FULL = "the server's storage is full";

    private final Path dir;
    private final JsonMapper json;
    private final long minFreeBytes;

    JobStore(Path dir, JsonMapper json) {
        this(dir, json, 0);
    }

    /** @param minFreeBytes the space to leave free on the data folder's disk, beyond the results */
    JobStore(Path dir, JsonMapper json, long minFreeBytes) {
        this.dir = dir;
        this.json = json;
        this.minFreeBytes = minFreeBytes;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dir, e);
        }
    }

    Path dir() {
        return dir;
    }

    /**
     * Checks, before a job is accepted, that its result can be kept: the data folder takes a new file, and its disk
     * has {@code resultBytes} free beyond {@code nst.http.min-free-space}.
     *
     * @throws StorageUnavailableException naming which of the two fails (never the folder's path)
     */
    void requireRoom(long resultBytes, java.time.Duration retryAfter) {
        try {
            Path probe = Files.createTempFile(dir, ".write-check-", PARTIAL);
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            LOG.warn("refusing jobs: the data folder {} cannot be written ({})", dir, e.toString());
            throw new StorageUnavailableException("the server cannot store results now (its data folder cannot be"
                    + " written); try again later", retryAfter);
        }
        long usable = usableSpace();
        if (usable < resultBytes + minFreeBytes) {
            LOG.warn("refusing jobs: {} MiB free where the data folder is, {} MiB wanted", usable >> 20,
                    (resultBytes + minFreeBytes) >> 20);
            throw new StorageUnavailableException(FULL + "; try again later", retryAfter);
        }
    }

    /** Bytes free for this process where the data folder is. */
    long usableSpace() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether {@code failure} of a write says the disk (or the user's quota) is full. */
    static boolean isFull(IOException failure) {
        String text = String.valueOf(failure.getMessage()) + " "
                + (failure instanceof java.nio.file.FileSystemException fs ? fs.getReason() : "");
        return text.contains("No space left on device") || text.contains("Disk quota exceeded");
    }

    /** Every readable job record; leftovers of interrupted writes are removed, unreadable records skipped. */
    List<JobSnapshot> loadAll() {
        List<JobSnapshot> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(PARTIAL)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(RECORD)) {
                    read(file).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the data folder " + dir, e);
        }
        return found;
    }

    /** Writes the record; a failure is logged (the job goes on), and a write cut short by a cancellation is dropped. */
    void save(JobSnapshot job) {
        try {
            writeAtomically(file(job.id(), RECORD), json.writeValueAsBytes(job));
        } catch (ClosedByInterruptException e) {
            LOG.debug("record of job {} not saved: its worker was interrupted", job.id());
        } catch (IOException e) {
            LOG.warn("cannot save the record of job {}: {}", job.id(), e.toString());
        }
    }

    void saveResult(String id, byte[] png) throws IOException {
        writeAtomically(file(id, RESULT), png);
    }

    Optional<byte[]> result(String id) {
        Path file = file(id, RESULT);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the result of job " + id, e);
        }
    }

    void delete(String id) {
        try {
            Files.deleteIfExists(file(id, RESULT));
            Files.deleteIfExists(file(id, RECORD));
        } catch (IOException e) {
            LOG.warn("cannot delete the files of job {}: {}", id, e.toString());
        }
    }

    private Optional<JobSnapshot> read(Path file) {
        try {
            JobSnapshot job = json.readValue(Files.readAllBytes(file), JobSnapshot.class);
            String expected = file.getFileName().toString().replace(RECORD, "");
            if (job == null || !job.id().equals(expected)) {
                LOG.warn("skipping {}: not the record of job {}", file, expected);
                return Optional.empty();
            }
            return Optional.of(job);
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping unreadable job record {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private Path file(String id, String suffix) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a job id: " + id);
        }
        return dir.resolve(id + suffix);
    }

    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = dir.resolve(target.getFileName() + "." + Long.toHexString(System.nanoTime()) + PARTIAL);
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
