package dev.nst.cuda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Empty files named like libraries in a temporary folder tree: enough to find them, never loaded. */
final class FakeTree {

    private final Path root;

    FakeTree(Path root) {
        this.root = root;
    }

    /** Creates {@code relative} (and its folders) as an empty file; returns its folder. */
    Path file(String relative) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.getParent();
    }

    Path folder(String relative) {
        try {
            return Files.createDirectories(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path(String relative) {
        return root.resolve(relative);
    }
}
