package dev.nst.weights;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a weights file holds: its format, all sixteen convolutions and the input convention they expect, its
 * checksums, and which published weights it is, if any.
 */
public record WeightsFileInfo(Path file, WeightsFormat format, Vgg19Weights weights, FileDigests digests,
                              Optional<PublishedWeights> published) {

    /**
     * Reads and checks the whole file.
     *
     * @throws InvalidInputException naming the file when it is missing, of another format, corrupt, truncated or
     *                               not a complete VGG19
     */
    public static WeightsFileInfo of(Path file) {
        WeightsFormat format = WeightsFiles.format(file);
        Vgg19Weights weights = WeightsFiles.read(file, VggLayer.POOL5);
        FileDigests digests;
        try {
            digests = FileDigests.of(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return new WeightsFileInfo(file, format, weights, digests, PublishedWeights.recognise(digests));
    }
}
