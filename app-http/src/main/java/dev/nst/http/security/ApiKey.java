package dev.nst.http.security;

import java.util.HexFormat;
import java.util.OptionalInt;

/**
 * A key a client presents on every {@code /api} call, as the server knows it: a name, the SHA-256 of the key (the key
 * itself is never kept) and the most jobs it may have running and queued at once.
 */
public record ApiKey(String name, byte[] sha256, OptionalInt maxJobs) {

    /** The attribute of an authenticated request that carries its key's {@code max-jobs}, when it has one. */
    public static final String MAX_JOBS_ATTRIBUTE = "maxJobs";

    /** @throws IllegalArgumentException naming the setting when the hash is not 64 hex digits or the limit is not positive */
    public static ApiKey configured(String name, String sha256Hex, Integer maxJobs) {
        String setting = "nst.http.keys." + name;
        if (sha256Hex == null || !sha256Hex.trim().matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException(setting + ".sha256 must be the SHA-256 of the key in hex (64 digits),"
                    + " as 'java -jar nst-http.jar new-key " + name + "' prints it");
        }
        if (maxJobs != null && maxJobs < 1) {
            throw new IllegalArgumentException(setting + ".max-jobs must be 1 or more (leave it out for no limit)");
        }
        return new ApiKey(name, HexFormat.of().parseHex(sha256Hex.trim().toLowerCase()),
                maxJobs == null ? OptionalInt.empty() : OptionalInt.of(maxJobs));
    }

    @Override
    public String toString() {
        return "ApiKey[" + name + (maxJobs.isPresent() ? ", max-jobs " + maxJobs.getAsInt() : "") + "]";
    }
}
