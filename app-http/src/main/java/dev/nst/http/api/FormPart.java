package dev.nst.http.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One part of a multipart request, as the parser sees it.
 *
 * @param filename present for a file part (possibly empty), absent for a text field
 */
public record FormPart(String name, Optional<String> filename, byte[] bytes) {

    /** What a client is told about a part without {@code name="..."} (whoever notices it first: Netty or nst). */
    static final String NAMELESS = "a part of the form has no name: every part needs 'Content-Disposition:"
            + " form-data; name=\"...\"'";

    public FormPart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(bytes, "bytes");
    }

    public static FormPart text(String name, String value) {
        return new FormPart(name, Optional.empty(), value.getBytes(StandardCharsets.UTF_8));
    }

    public static FormPart file(String name, String filename, byte[] bytes) {
        return new FormPart(name, Optional.of(filename), bytes);
    }

    public boolean isFile() {
        return filename.isPresent();
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
