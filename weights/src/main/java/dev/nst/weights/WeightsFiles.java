package dev.nst.weights;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a VGG19 weights file of any supported format, recognised by its content. */
final class WeightsFiles {

    private WeightsFiles() {
    }

    /** The file's format; every problem is an {@link InvalidInputException} naming the file. */
    static WeightsFormat format(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + ": is a folder, not a weights file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such weights file");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInputException(file + ": weights file is not readable (permission denied)");
        }
        try {
            return WeightsFormat.detect(file).orElseThrow(() -> new InvalidInputException(file + ": not a supported"
                    + " weights file (expected Keras HDF5, a PyTorch checkpoint, a Caffe model or nst safetensors)"));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": weights file cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The convolutions {@code deepest} needs, with the input convention of the file's origin. */
    static Vgg19Weights read(Path file, VggLayer deepest) {
        WeightsFormat format = format(file);
        return switch (format) {
            case KERAS_HDF5 -> new KerasHdf5Reader(file).read(deepest);
            case TORCH_ZIP, TORCH_LEGACY -> new TorchvisionVgg19Reader(file, format).read(deepest);
            case SAFETENSORS -> Vgg19Safetensors.read(file, deepest);
            case CAFFE -> new CaffeVgg19Reader(file).read(deepest);
        };
    }
}
