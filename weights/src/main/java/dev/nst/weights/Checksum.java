package dev.nst.weights;

import dev.nst.core.domain.InvalidInputException;
import java.util.Locale;

/**
 * What a file's digest must be: a full MD5 or SHA-256, or the leading hex digits of a SHA-256 (torchvision publishes
 * only those, in its file names). Written {@code md5:HEX} or {@code sha256:HEX}.
 */
public record Checksum(Algorithm algorithm, String hex) {

    /** The digests nst computes. */
    public enum Algorithm {
        MD5("md5", 32), SHA256("sha256", 64);

        private final String id;
        private final int length;

        Algorithm(String id, int length) {
            this.id = id;
            this.length = length;
        }

        public String id() {
            return id;
        }
    }

    public Checksum {
        hex = hex.toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{8,}") || hex.length() > algorithm.length) {
            throw new InvalidInputException("'" + hex + "' is not " + algorithm.id + " hex (8 to " + algorithm.length
                    + " digits 0-9a-f)");
        }
    }

    /** {@code md5:HEX} or {@code sha256:HEX}; a SHA-256 may be given by its first 8 or more digits. */
    public static Checksum parse(String text) {
        String value = text.trim();
        int colon = value.indexOf(':');
        String algorithm = colon < 0 ? "" : value.substring(0, colon).toLowerCase(Locale.ROOT).replace("-", "");
        for (Algorithm candidate : Algorithm.values()) {
            if (candidate.id.equals(algorithm)) {
                return new Checksum(candidate, value.substring(colon + 1));
            }
        }
        throw new InvalidInputException("'" + text + "' is not a checksum; write md5:HEX or sha256:HEX");
    }

    /** Whether the file with these digests is the one this checksum describes. */
    public boolean matches(FileDigests digests) {
        return digests.of(algorithm).startsWith(hex);
    }

    /** Whether this is the whole digest rather than its first digits. */
    public boolean isComplete() {
        return hex.length() == algorithm.length;
    }

    @Override
    public String toString() {
        return algorithm.id + ":" + hex + (isComplete() ? "" : "...");
    }
}
