package dev.nst.weights;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.nst.weights.caffe.CaffeProto.LayerParameter;
import dev.nst.weights.caffe.CaffeProto.NetParameter;
import dev.nst.weights.caffe.CaffeProto.V1LayerParameter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks the layers of a Caffe {@code NetParameter} (see {@code src/main/proto/caffe.proto}) field by field, in either
 * encoding, and notes where each layer's blobs are instead of reading them: a blob's bytes are skipped, which on a
 * file is a seek, so the fully connected layers of a VGG file (495 of its 575 MB) are never read nor kept. The caller
 * reads the blobs it wants with {@link CaffeBlobs}.
 *
 * <p>Fields a layer may hold besides its name, type and blobs are skipped as protobuf skips unknown fields. Lengths
 * are checked against the file's size as they are met, so a truncated file is reported where it is cut.
 */
final class CaffeNetScanner implements AutoCloseable {

    /** How a file stores its layers. */
    enum Encoding {
        /** {@code NetParameter.layers}: {@code V1LayerParameter}, types as an enum. */
        V1("V1LayerParameter"),
        /** {@code NetParameter.layer}: {@code LayerParameter}, types as strings. */
        V2("LayerParameter");

        private final String message;

        Encoding(String message) {
            this.message = message;
        }

        /** The protobuf message, for messages. */
        String message() {
            return message;
        }
    }

    /** Where a blob's serialised {@code BlobProto} lies in the file. */
    record BlobSpan(long offset, int length) {
    }

    /**
     * A layer as far as it was read: its name and type ({@code ""} when absent; a V1 type is its enum name, e.g.
     * {@code CONVOLUTION}) and the blobs it holds.
     */
    record Layer(Encoding encoding, String name, String type, List<BlobSpan> blobs) {

        boolean isConvolution() {
            return type.equals(encoding == Encoding.V1 ? V1LayerParameter.LayerType.CONVOLUTION.name() : "Convolution");
        }
    }

    /** The file ends inside a layer: the message says where. */
    static final class TruncatedException extends InvalidProtocolBufferException {

        private static final long serialVersionUID = 1L;

        TruncatedException(String message) {
            super(message);
        }
    }

    /** Names longer than this are not layer names: the file is damaged. */
    private static final int MAX_NAME_BYTES = 4096;
    /** NetParameter's fields in Caffe's schema go up to 8 (name, layers, input, input_dim, ..., input_shape). */
    private static final int LAST_PLAIN_NET_FIELD = 8;

    private static final int V1_TAG = tag(NetParameter.LAYERS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int V2_TAG = tag(NetParameter.LAYER_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int V1_NAME = tag(V1LayerParameter.NAME_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int V1_TYPE = tag(V1LayerParameter.TYPE_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);
    private static final int V1_BLOB = tag(V1LayerParameter.BLOBS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int V2_NAME = tag(LayerParameter.NAME_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int V2_TYPE = tag(LayerParameter.TYPE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int V2_BLOB = tag(LayerParameter.BLOBS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);

    private final InputStream stream;
    private final CodedInputStream in;
    private final long size;
    private final boolean strict;

    // The layer being read: its encoding, end in the file, and what was read of it so far.
    private Encoding encoding;
    private long layerEnd;
    private int outerLimit;
    private boolean blobTagRead;
    private String name;
    private String type;
    private List<BlobSpan> blobs;

    /**
     * @param strict whether a field NetParameter does not have in Caffe's schema makes the file unreadable (for
     *               recognising the format) rather than being skipped (for reading it)
     */
    CaffeNetScanner(Path file, boolean strict) throws IOException {
        this.size = Files.size(file);
        this.stream = Files.newInputStream(file);
        this.in = CodedInputStream.newInstance(stream, 1 << 16);
        this.strict = strict;
    }

    /** Moves to the next layer and returns its encoding; empty at the end of the file. */
    Optional<Encoding> nextLayer() throws IOException {
        if (encoding != null) {
            finishLayer();
        }
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                return Optional.empty();
            }
            if (tag == V1_TAG || tag == V2_TAG) {
                // A layer cut short by the end of the file is reported by finishLayer(), so that readHeader() can
                // still tell what a truncated file was.
                int length = in.readRawVarint32();
                if (length < 0) {
                    throw new InvalidProtocolBufferException("a layer has a negative length");
                }
                layerEnd = (long) in.getTotalBytesRead() + length;
                outerLimit = in.pushLimit(length);
                encoding = tag == V1_TAG ? Encoding.V1 : Encoding.V2;
                blobTagRead = false;
                name = "";
                type = "";
                blobs = new ArrayList<>();
                return Optional.of(encoding);
            }
            if (strict && !isNetParameterField(tag)) {
                throw new InvalidProtocolBufferException("field " + WireFormat.getTagFieldNumber(tag)
                        + " (wire type " + WireFormat.getTagWireType(tag) + ") is not one of NetParameter's");
            }
            skipField(tag);
        }
    }

    /**
     * The current layer's name and type as far as they come before its first blob (Caffe writes both before the
     * blobs, so a few hundred bytes into the file tell a Caffe model from anything else).
     */
    Layer readHeader() throws IOException {
        while (!blobTagRead && !in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == blobTag()) {
                blobTagRead = true;
            } else {
                readField(tag);
            }
        }
        return current();
    }

    /** The whole current layer: name, type and where its blobs are. */
    Layer finishLayer() throws IOException {
        if (layerEnd > size) {
            throw new TruncatedException("it ends at byte " + size + ", inside " + (name.isEmpty() ? "a layer"
                    : "layer " + name) + " that ends at byte " + layerEnd);
        }
        if (blobTagRead) {
            blobs.add(skipBlob());
            blobTagRead = false;
        }
        while (!in.isAtEnd()) {
            readField(in.readTag());
        }
        in.popLimit(outerLimit);
        Layer layer = current();
        encoding = null;
        return layer;
    }

    /** The next whole layer; empty at the end of the file. */
    Optional<Layer> next() throws IOException {
        return nextLayer().isPresent() ? Optional.of(finishLayer()) : Optional.empty();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    private void readField(int tag) throws IOException {
        if (tag == blobTag()) {
            blobs.add(skipBlob());
        } else if (tag == (encoding == Encoding.V1 ? V1_NAME : V2_NAME)) {
            name = shortText("a layer name");
        } else if (encoding == Encoding.V2 && tag == V2_TYPE) {
            type = shortText("a layer type");
        } else if (encoding == Encoding.V1 && tag == V1_TYPE) {
            int number = in.readEnum();
            V1LayerParameter.LayerType known = V1LayerParameter.LayerType.forNumber(number);
            type = known == null ? "type " + number : known.name();
        } else {
            skipField(tag);
        }
    }

    private int blobTag() {
        return encoding == Encoding.V1 ? V1_BLOB : V2_BLOB;
    }

    private BlobSpan skipBlob() throws IOException {
        int length = length("a blob" + (name.isEmpty() ? "" : " of " + name));
        long offset = in.getTotalBytesRead();
        in.skipRawBytes(length);
        return new BlobSpan(offset, length);
    }

    /** A length-delimited field's length, which must fit in what is left of the file. */
    private int length(String what) throws IOException {
        int length = in.readRawVarint32();
        long end = (long) in.getTotalBytesRead() + length;
        if (length < 0) {
            throw new InvalidProtocolBufferException(what + " has a negative length");
        }
        if (end > size) {
            throw new TruncatedException("it ends at byte " + size + ", inside " + what + " that ends at byte "
                    + end);
        }
        return length;
    }

    private String shortText(String what) throws IOException {
        int length = length(what);
        if (length > MAX_NAME_BYTES) {
            throw new InvalidProtocolBufferException(what + " of " + length + " bytes");
        }
        return new String(in.readRawBytes(length), StandardCharsets.UTF_8);
    }

    /** Skips a field as protobuf skips an unknown one; a length-delimited one must fit in the file. */
    private void skipField(int tag) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            in.skipRawBytes(length("field " + WireFormat.getTagFieldNumber(tag)));
        } else if (!in.skipField(tag)) {
            throw new InvalidProtocolBufferException("an end-group tag outside a group");
        }
    }

    private Layer current() {
        return new Layer(encoding, name, type, List.copyOf(blobs));
    }

    /** Fields 1-8 and 100 of NetParameter, as varints or length-delimited (a packed input_dim). */
    private static boolean isNetParameterField(int tag) {
        int field = WireFormat.getTagFieldNumber(tag);
        int wireType = WireFormat.getTagWireType(tag);
        return (field >= 1 && field <= LAST_PLAIN_NET_FIELD || field == NetParameter.LAYER_FIELD_NUMBER)
                && (wireType == WireFormat.WIRETYPE_VARINT || wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED);
    }

    private static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }
}
