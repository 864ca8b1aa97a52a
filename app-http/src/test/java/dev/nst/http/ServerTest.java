package dev.nst.http;

import io.micronaut.test.support.TestPropertyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What every service test runs with: the real CPU backend (found with ServiceLoader), random weights, its own data
 * folder, and previews at every iteration. Subclasses add their own properties.
 */
public abstract class ServerTest implements TestPropertyProvider {

    protected final Path dataDir = temporaryFolder();

    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("nst.backend", "cpu");
        properties.put("nst.weights", "random");
        properties.put("nst.threads", "1");
        properties.put("nst.http.data-dir", dataDir.toString());
        properties.put("nst.http.preview-interval", "0s");
        properties.putAll(extraProperties());
        return properties;
    }

    private static Path temporaryFolder() {
        try {
            Path dir = Files.createTempDirectory("nst-http-test");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
