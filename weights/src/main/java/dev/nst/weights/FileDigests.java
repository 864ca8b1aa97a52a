package dev.nst.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file's MD5 (what keras.applications publishes for its weights) and SHA-256 (what torchvision puts at the start
 * of its file names, and what nst records), computed in one pass, as lower-case hex.
 */
public record FileDigests(String md5, String sha256) {

    public static FileDigests of(Path file) throws IOException {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = digest("SHA-256");
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
                sha256.update(buffer, 0, n);
            }
        }
        return new FileDigests(HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha256.digest()));
    }

    /** The digest {@code checksum} is about. */
    public String of(Checksum.Algorithm algorithm) {
        return algorithm == Checksum.Algorithm.MD5 ? md5 : sha256;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java platform", e);
        }
    }
}
