package dev.nst.weights;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * nst's weights cache, a folder of {@code <name>.safetensors} files (see {@link Vgg19Safetensors}), each with a
 * {@code <name>.json} record beside it: the source (URL or path), the original format and checksums, the converted
 * file's SHA-256 and size, and when it was written. Files are written under a temporary name and renamed, so a name
 * never holds half a file.
 */
public final class WeightsCache {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String EXTENSION = ".safetensors";

    private final Path folder;

    public WeightsCache(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** Where the entry {@code name} is (or would be) stored. */
    public Path fileOf(String name) {
        return folder.resolve(name + EXTENSION);
    }

    public Optional<CachedWeights> find(String name) {
        Path file = fileOf(name);
        return Files.isRegularFile(file) ? Optional.of(entry(name, file)) : Optional.empty();
    }

    /** Every entry, by name. */
    public List<CachedWeights> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(f))
                    .map(f -> f.getFileName().toString())
                    .map(n -> n.substring(0, n.length() - EXTENSION.length()))
                    .sorted()
                    .map(n -> entry(n, fileOf(n)))
                    .toList();
        } catch (IOException e) {
            throw new WeightsUnavailableException("cannot list the weights cache " + folder + " (" + e.getMessage()
                    + ")", e);
        }
    }

    /** Re-hashes every entry and compares it with its record. */
    public List<Verification> verify() {
        List<Verification> results = new ArrayList<>();
        for (CachedWeights entry : list()) {
            String actual = digests(entry.file()).sha256();
            Verification.Status status = entry.sha256().isEmpty() ? Verification.Status.UNRECORDED
                    : entry.sha256().get().equals(actual) ? Verification.Status.OK : Verification.Status.MISMATCH;
            results.add(new Verification(entry, status, actual));
        }
        return results;
    }

    /**
     * Converts a weights file of any supported format into the cache. The entry is named {@code name} if given, else
     * after the published weights the file is (recognised by checksum), else after the file.
     *
     * @throws InvalidInputException naming the file when it is not complete, readable VGG19 weights
     */
    public CachedWeights importFile(Path file, Optional<String> name) {
        WeightsFormat format = WeightsFiles.format(file);
        FileDigests digests = digests(file);
        String entry = name.map(String::trim).orElseGet(() -> PublishedWeights.recognise(digests)
                .map(PublishedWeights::id).orElseGet(() -> nameAfter(file)));
        if (!NAME.matcher(entry).matches()) {
            throw new InvalidInputException("'" + entry + "' cannot name a cache entry; use letters, digits, '.', '_'"
                    + " and '-'");
        }
        Vgg19Weights weights = WeightsFiles.read(file, VggLayer.POOL5);
        return store(entry, weights, format, file.toAbsolutePath().toString(), digests);
    }

    /** The convolutions {@code deepest} needs, from a cached entry. */
    Vgg19Weights load(CachedWeights entry, VggLayer deepest) {
        return Vgg19Safetensors.read(entry.file(), deepest);
    }

    /** Writes the weights as {@code <name>.safetensors} with its record. */
    CachedWeights store(String name, Vgg19Weights weights, WeightsFormat sourceFormat, String source,
                        FileDigests sourceDigests) {
        Path file = fileOf(name);
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = temporary(file);
            Vgg19Safetensors.write(temp, weights, sourceFormat.description());
            FileDigests converted = FileDigests.of(temp);
            long size = Files.size(temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            CachedWeights entry = new CachedWeights(name, file, size, Optional.of(converted.sha256()), source,
                    sourceFormat.description(), Optional.of(sourceDigests), weights.preprocessing().name(),
                    Optional.of(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            writeRecord(entry);
            return entry;
        } catch (IOException e) {
            throw new WeightsUnavailableException("cannot write " + file + " (" + e.getMessage() + "); set "
                    + WeightsRepository.HOME_VARIABLE + " to a writable folder", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private void writeRecord(CachedWeights entry) throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", entry.name());
        record.put("file", entry.file().getFileName().toString());
        record.put("size", entry.size());
        record.put("sha256", entry.sha256().orElseThrow());
        record.put("source", entry.source());
        record.put("source_format", entry.sourceFormat());
        record.put("source_md5", entry.sourceDigests().orElseThrow().md5());
        record.put("source_sha256", entry.sourceDigests().orElseThrow().sha256());
        record.put("preprocessing", entry.preprocessing());
        record.put("imported", entry.imported().orElseThrow().toString());
        Path recordFile = recordOf(entry.name());
        Path temp = temporary(recordFile);
        try {
            Files.writeString(temp, Json.write(record) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.move(temp, recordFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** The entry, with what its record says; an unreadable or missing record leaves those parts empty. */
    private CachedWeights entry(String name, Path file) {
        long size = size(file);
        Map<?, ?> record = record(name);
        String sha256 = text(record, "sha256");
        String md5 = text(record, "source_md5");
        String sourceSha256 = text(record, "source_sha256");
        Optional<Instant> imported;
        try {
            imported = Optional.ofNullable(text(record, "imported")).map(Instant::parse);
        } catch (DateTimeParseException e) {
            imported = Optional.empty();
        }
        return new CachedWeights(name, file, size, Optional.ofNullable(sha256),
                Optional.ofNullable(text(record, "source")).orElse("unknown (no record)"),
                Optional.ofNullable(text(record, "source_format")).orElse("unknown"),
                md5 != null && sourceSha256 != null ? Optional.of(new FileDigests(md5, sourceSha256)) : Optional.empty(),
                Optional.ofNullable(text(record, "preprocessing")).orElse("unknown"), imported);
    }

    private Map<?, ?> record(String name) {
        Path file = recordOf(name);
        try {
            if (Files.isRegularFile(file) && Json.parse(Files.readString(file)) instanceof Map<?, ?> map) {
                return map;
            }
        } catch (IOException | IllegalArgumentException e) {
            // an unreadable record counts as none
        }
        return Map.of();
    }

    private Path recordOf(String name) {
        return folder.resolve(name + ".json");
    }

    private static String text(Map<?, ?> record, String key) {
        Object value = record.get(key);
        return value instanceof String s ? s : null;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static FileDigests digests(Path file) {
        try {
            return FileDigests.of(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * {@code my weights.pth} becomes {@code my-weights}; a file that is not the published one never takes a
     * published name by accident ({@code vgg19.pth} becomes {@code vgg19-custom}).
     */
    private static String nameAfter(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String cleaned = stem.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
        if (cleaned.isEmpty()) {
            return "weights";
        }
        return PublishedWeights.byId(cleaned).isPresent() ? cleaned + "-custom" : cleaned;
    }

    /**
     * A name beside {@code file} for writing it before it is renamed into place. Files made there get the usual
     * permissions (the process umask), unlike {@link Files#createTempFile}'s owner-only ones, so that a shared
     * {@code NST_HOME} works for everyone who can read it.
     */
    private static Path temporary(Path file) {
        return file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stray temporary file is harmless
            }
        }
    }
}
