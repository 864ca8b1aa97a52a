package dev.nst.cli;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.image.ImageFiles;
import dev.nst.core.image.OutputOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks made on output paths before any work, and the writes made after it. */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Fails unless {@code file} can be written: it is not a folder, and its folder exists or can be created (the
     * nearest existing ancestor is a writable folder). Creates nothing.
     */
    static void requireWritable(Path file, String option) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new InvalidInputException(option + " " + file + ": is a folder, not a file");
        }
        Path folder = absolute.getParent();
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new InvalidInputException(option + " " + file + ": folder " + folder + " cannot be created ("
                    + existing + " is not a folder)");
        }
        if (!Files.isWritable(existing)) {
            throw new InvalidInputException(option + " " + file + ": folder " + existing + " is not writable");
        }
    }

    /** Writes atomically; a failure leaves any previous file of that name as it was. */
    static void write(RgbImage image, Path file, OutputOptions options) {
        ImageFiles.write(image, file, options);
    }

    /** {@code out.png} at iteration 100 is {@code out_100.png}, in the same folder. */
    static Path numbered(Path output, int iteration) {
        return numbered(output, String.valueOf(iteration));
    }

    /** {@code out.png} with suffix {@code s2_100} is {@code out_s2_100.png}, in the same folder. */
    static Path numbered(Path output, String suffix) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot <= 0 ? name + "_" + suffix
                : name.substring(0, dot) + "_" + suffix + name.substring(dot);
        return output.resolveSibling(numbered);
    }
}
