package dev.nst.weights;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of nst's weights cache: the converted file and, from the record beside it, where it came from.
 *
 * @param sha256        of the converted file when it was written; empty when there is no record
 * @param source        the URL or path it was converted from
 * @param sourceFormat  the format it was converted from, e.g. {@code Keras HDF5}
 * @param sourceDigests of the original file
 * @param preprocessing the input convention the weights expect, e.g. {@code caffe-bgr}
 */
public record CachedWeights(String name, Path file, long size, Optional<String> sha256, String source,
                            String sourceFormat, Optional<FileDigests> sourceDigests, String preprocessing,
                            Optional<Instant> imported) {

    /** Whether the original file was the published one of that name. */
    public boolean isPublished() {
        return PublishedWeights.byId(name)
                .flatMap(published -> sourceDigests.map(published.checksum()::matches))
                .orElse(false);
    }
}
