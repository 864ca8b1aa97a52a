package dev.nst.weights;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Recognises a Caffe model, which protobuf gives no magic number: the file must parse from its first byte as a
 * {@code NetParameter} (every field one Caffe's schema gives it) and one of its first {@value #LAYERS_LOOKED_AT}
 * layers, in either encoding, must be a named convolution. Only the layers' headers are read, and the blobs between
 * them skipped, so this costs a few small reads whatever the file's size; a file cut short after its first
 * convolution's name is still recognised, and then refused by the reader as truncated.
 */
final class CaffeSignature {

    /** A VGG's first convolution is its first layer, or the second after an input layer. */
    static final int LAYERS_LOOKED_AT = 16;

    private CaffeSignature() {
    }

    static boolean isPresentIn(Path file) throws IOException {
        try (CaffeNetScanner scanner = new CaffeNetScanner(file, true)) {
            for (int i = 0; i < LAYERS_LOOKED_AT && scanner.nextLayer().isPresent(); i++) {
                CaffeNetScanner.Layer header = scanner.readHeader();
                if (header.isConvolution() && !header.name().isEmpty()) {
                    return true;
                }
            }
            return false;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            // not protobuf, not a NetParameter, or cut before its first convolution
            return false;
        }
    }
}
