package dev.nst.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/** The weights file formats nst reads, recognised by their content, never by their name. */
public enum WeightsFormat {
    /** keras.applications' layout in HDF5: signature {@code \211HDF\r\n\032\n} at 0 or after a user block. */
    KERAS_HDF5("Keras HDF5"),
    /** {@code torch.save} since PyTorch 1.6: a zip archive ({@code PK\3\4}) holding {@code data.pkl}. */
    TORCH_ZIP("PyTorch zip checkpoint"),
    /** {@code torch.save} before 1.6: pickles starting with the protocol-2 long 0x1950a86a20f9469cfc6c. */
    TORCH_LEGACY("PyTorch legacy checkpoint"),
    /** nst's cache: an 8-byte little-endian header length, then a JSON header. */
    SAFETENSORS("safetensors"),
    /**
     * A Caffe {@code .caffemodel}: a protobuf {@code NetParameter}, which has no signature; recognised by its structure
     * (see {@link CaffeSignature}) once the others are ruled out.
     */
    CAFFE("Caffe model");

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    /** PROTO 2, LONG1 of 10 bytes, then 0x1950a86a20f9469cfc6c little-endian. */
    private static final byte[] LEGACY_TORCH = {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46,
        (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

    private final String description;

    WeightsFormat(String description) {
        this.description = description;
    }

    /** How users call it, e.g. {@code PyTorch zip checkpoint}. */
    public String description() {
        return description;
    }

    /** The format of {@code file}, if it is one nst reads. */
    public static Optional<WeightsFormat> detect(Path file) throws IOException {
        if (Hdf5Signature.isPresentIn(file)) {
            return Optional.of(KERAS_HDF5);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(LEGACY_TORCH.length).order(ByteOrder.LITTLE_ENDIAN);
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // reads up to the first 14 bytes
            }
            byte[] bytes = Arrays.copyOf(head.array(), head.position());
            if (startsWith(bytes, ZIP)) {
                return Optional.of(TORCH_ZIP);
            }
            if (startsWith(bytes, LEGACY_TORCH) || startsWith(bytes, legacyWithProtocol(bytes))) {
                return Optional.of(TORCH_LEGACY);
            }
            if (bytes.length > 8) {
                long headerLength = head.getLong(0);
                if (headerLength >= 2 && headerLength <= channel.size() - 8 && bytes[8] == '{') {
                    return Optional.of(SAFETENSORS);
                }
            }
        }
        return CaffeSignature.isPresentIn(file) ? Optional.of(CAFFE) : Optional.empty();
    }

    /** The legacy magic after a PROTO opcode of any protocol (torch.save's pickle_protocol argument). */
    private static byte[] legacyWithProtocol(byte[] bytes) {
        byte[] pattern = LEGACY_TORCH.clone();
        if (bytes.length > 1) {
            pattern[1] = bytes[1];
        }
        return pattern;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
