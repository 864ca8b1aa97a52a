package dev.nst.http.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The keys the service accepts. A presented key is hashed and compared with every configured hash in constant time,
 * so neither the keys nor the time a comparison takes tell anything about them. No keys: the service is anonymous
 * (and listens on the loopback interface only, unless told otherwise).
 */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<ApiKey> keys;

    public ApiKeys(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
    }

    public boolean anonymous() {
        return keys.isEmpty();
    }

    public int size() {
        return keys.size();
    }

    /** The key whose hash {@code presented} has, if any. */
    public Optional<ApiKey> find(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented);
        ApiKey found = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(hash, key.sha256()) && found == null) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }

    /** A new random key: {@code nst_} and 32 random bytes in URL-safe base64 (256 bits). */
    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "nst_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of {@code key} in hex, as {@code nst.http.keys.<name>.sha256} takes it. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
