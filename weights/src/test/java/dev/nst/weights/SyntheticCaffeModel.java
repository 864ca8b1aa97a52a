package dev.nst.weights;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.nst.weights.caffe.CaffeProto.BlobProto;
import dev.nst.weights.caffe.CaffeProto.BlobShape;
import dev.nst.weights.caffe.CaffeProto.LayerParameter;
import dev.nst.weights.caffe.CaffeProto.V1LayerParameter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes Caffe layers of any size without holding them in memory: each layer's header is built with the generated
 * classes, its blobs' values are streamed ({@code value(i) = (i % 1000) / 1024}). Protobuf merges concatenated
 * messages, so layers written one after another, before or after an existing file's bytes, make one net.
 *
 * <p>{@code main FILE [fc-first]} writes a full-size VGG19 as {@code VGG_ILSVRC_19_layers.caffemodel} is laid out
 * (legacy encoding, 575 MB, 495 MB of it fully connected), or with the fully connected layers first, for measuring
 * by hand how much memory reading it takes.
 */
final class SyntheticCaffeModel {

    private final CodedOutputStream out;
    private final boolean legacy;

    /** @param legacy whether to write {@code layers} with legacy blob dimensions, else {@code layer} with shapes */
    SyntheticCaffeModel(OutputStream out, boolean legacy) {
        this.out = CodedOutputStream.newInstance(out, 1 << 16);
        this.legacy = legacy;
    }

    /** A layer holding blobs of the given shapes; {@code type} is a V2 type, e.g. {@code InnerProduct}. */
    SyntheticCaffeModel layer(String name, String type, long[]... shapes) throws IOException {
        byte[] head = legacy
                ? V1LayerParameter.newBuilder().setName(name).setType(v1Type(type)).build().toByteArray()
                : LayerParameter.newBuilder().setName(name).setType(type).build().toByteArray();
        int blobField = legacy ? V1LayerParameter.BLOBS_FIELD_NUMBER : LayerParameter.BLOBS_FIELD_NUMBER;
        List<byte[]> blobHeads = new ArrayList<>();
        List<Integer> blobLengths = new ArrayList<>();
        long layerLength = head.length;
        for (long[] shape : shapes) {
            byte[] blobHead = blobWithoutData(shape).toByteArray();
            int dataLength = Math.toIntExact(4 * count(shape));
            int blobLength = blobHead.length + CodedOutputStream.computeTagSize(BlobProto.DATA_FIELD_NUMBER)
                    + CodedOutputStream.computeUInt32SizeNoTag(dataLength) + dataLength;
            blobHeads.add(blobHead);
            blobLengths.add(blobLength);
            layerLength += CodedOutputStream.computeTagSize(blobField)
                    + CodedOutputStream.computeUInt32SizeNoTag(blobLength) + blobLength;
        }
        out.writeTag(legacy ? 2 : 100, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(Math.toIntExact(layerLength));
        out.writeRawBytes(head);
        for (int b = 0; b < shapes.length; b++) {
            out.writeTag(blobField, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(blobLengths.get(b));
            out.writeRawBytes(blobHeads.get(b));
            out.writeTag(BlobProto.DATA_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            long values = count(shapes[b]);
            out.writeUInt32NoTag(Math.toIntExact(4 * values));
            for (long i = 0; i < values; i++) {
                out.writeFloatNoTag((i % 1000) / 1024f);
            }
        }
        return this;
    }

    /** The bytes of an existing file, e.g. a fixture, after what was written so far. */
    SyntheticCaffeModel raw(byte[] bytes) throws IOException {
        out.writeRawBytes(bytes);
        return this;
    }

    void flush() throws IOException {
        out.flush();
    }

    private BlobProto blobWithoutData(long[] shape) {
        if (!legacy) {
            return BlobProto.newBuilder().setShape(BlobShape.newBuilder()
                    .addAllDim(Arrays.stream(shape).boxed().toList())).build();
        }
        long[] four = new long[4];
        Arrays.fill(four, 1);
        System.arraycopy(shape, 0, four, 4 - shape.length, shape.length);
        return BlobProto.newBuilder().setNum((int) four[0]).setChannels((int) four[1]).setHeight((int) four[2])
                .setWidth((int) four[3]).build();
    }

    private static V1LayerParameter.LayerType v1Type(String type) {
        return switch (type) {
            case "Convolution" -> V1LayerParameter.LayerType.CONVOLUTION;
            case "InnerProduct" -> V1LayerParameter.LayerType.INNER_PRODUCT;
            case "ReLU" -> V1LayerParameter.LayerType.RELU;
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static long count(long[] shape) {
        return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    /** Writes a full-size VGG19 (legacy encoding, fully connected layers included) to the path given. */
    public static void main(String[] args) throws IOException {
        boolean fullyConnectedFirst = args.length > 1 && args[1].equals("fc-first");
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(Path.of(args[0])), 1 << 20)) {
            SyntheticCaffeModel model = new SyntheticCaffeModel(file, true);
            if (fullyConnectedFirst) {
                fullyConnected(model);
            }
            int[] widths = {64, 128, 256, 512, 512};
            int[] convsPerBlock = {2, 2, 4, 4, 4};
            int in = 3;
            for (int block = 1; block <= 5; block++) {
                for (int k = 1; k <= convsPerBlock[block - 1]; k++) {
                    int out = widths[block - 1];
                    model.layer("conv" + block + "_" + k, "Convolution", new long[] {out, in, 3, 3}, new long[] {out});
                    model.layer("relu" + block + "_" + k, "ReLU");
                    in = out;
                }
            }
            if (!fullyConnectedFirst) {
                fullyConnected(model);
            }
            model.flush();
        }
    }

    private static void fullyConnected(SyntheticCaffeModel model) throws IOException {
        model.layer("fc6", "InnerProduct", new long[] {4096, 512 * 7 * 7}, new long[] {4096});
        model.layer("fc7", "InnerProduct", new long[] {4096, 4096}, new long[] {4096});
        model.layer("fc8", "InnerProduct", new long[] {1000, 4096}, new long[] {1000});
    }
}
