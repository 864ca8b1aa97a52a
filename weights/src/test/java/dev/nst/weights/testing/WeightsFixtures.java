package dev.nst.weights.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The weights files under {@code src/test/resources/fixtures} (made by {@code make_keras_fixtures.py},
 * {@code make_torch_fixtures.py} and {@code make_caffe_fixtures.py}), read from the class path so that other modules'
 * tests can use them through this module's test-jar.
 */
public final class WeightsFixtures {

    private WeightsFixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = WeightsFixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the fixture {@code name} as {@code folder/as}, creating the folder. */
    public static Path copy(String name, Path folder, String as) {
        try {
            Files.createDirectories(folder);
            return Files.write(folder.resolve(as), bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
