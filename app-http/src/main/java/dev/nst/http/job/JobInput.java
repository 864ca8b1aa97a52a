package dev.nst.http.job;

import java.util.Objects;

/**
 * One part of a submitted request, kept as it came so that whichever worker claims the job reads it again.
 *
 * @param filename the file's name for a file part, null for a text part
 */
public record JobInput(String name, String filename, byte[] bytes) {

    public JobInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
    }
}
