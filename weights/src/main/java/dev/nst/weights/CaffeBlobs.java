package dev.nst.weights;

import com.google.protobuf.CodedInputStream;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.weights.caffe.CaffeProto.BlobProto;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads the blobs {@link CaffeNetScanner} located, one at a time, with the parser generated for {@code BlobProto}. */
final class CaffeBlobs implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;

    CaffeBlobs(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    BlobProto read(CaffeNetScanner.BlobSpan span) throws IOException {
        channel.position(span.offset());
        // Not closed: closing it would close the channel, which the next blob reads from. A buffer no larger than the
        // blob: most are small.
        CodedInputStream in = CodedInputStream.newInstance(Channels.newInputStream(channel),
                Math.max(1, Math.min(span.length(), 1 << 16)));
        in.pushLimit(span.length());
        BlobProto blob = BlobProto.parseFrom(in);
        in.checkLastTagWas(0);
        return blob;
    }

    /**
     * The blob's dimensions: its shape, else the legacy num, channels, height and width, else none. (Caffe reads a
     * blob without a shape as 4-d from the legacy fields.)
     */
    static long[] dimensions(BlobProto blob) {
        if (blob.hasShape()) {
            return blob.getShape().getDimList().stream().mapToLong(Long::longValue).toArray();
        }
        if (blob.hasNum() || blob.hasChannels() || blob.hasHeight() || blob.hasWidth()) {
            return new long[] {blob.getNum(), blob.getChannels(), blob.getHeight(), blob.getWidth()};
        }
        return new long[0];
    }

    /** The values, which must be single precision and as many as the dimensions say. */
    float[] floats(BlobProto blob, long[] dimensions, String what) {
        if (blob.getDataCount() == 0 && blob.getDoubleDataCount() > 0) {
            throw new InvalidInputException(file + ": " + what + ": float64 values (double_data); only float32 is"
                    + " supported");
        }
        long expected = Arrays.stream(dimensions).reduce(1, (a, b) -> a * b);
        if (blob.getDataCount() != expected) {
            throw new InvalidInputException(file + ": " + what + ": " + blob.getDataCount() + " values, but the"
                    + " shape " + describe(dimensions) + " needs " + expected);
        }
        float[] values = new float[blob.getDataCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = blob.getData(i);
        }
        return values;
    }

    static String describe(long[] dimensions) {
        return Arrays.stream(dimensions).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
