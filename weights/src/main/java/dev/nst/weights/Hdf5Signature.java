package dev.nst.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Recognises an HDF5 file by its 8-byte signature, which sits at offset 0 or, when the file starts with a user block,
 * at 512, 1024, 2048 and so on.
 */
final class Hdf5Signature {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final long FIRST_USER_BLOCK_SIZE = 512;

    private Hdf5Signature() {
    }

    static boolean isPresentIn(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long offset = 0; offset + SIGNATURE.length <= channel.size();
                    offset = offset == 0 ? FIRST_USER_BLOCK_SIZE : offset * 2) {
                if (Arrays.equals(bytesAt(channel, offset), SIGNATURE)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] bytesAt(FileChannel channel, long offset) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(SIGNATURE.length);
        int read;
        do {
            read = channel.read(bytes, offset + bytes.position());
        } while (read >= 0 && bytes.hasRemaining());
        return bytes.array();
    }
}
