package dev.nst.weights;

import dev.nst.core.domain.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (huggingface/safetensors), float32 only: an 8-byte little-endian header length, a JSON
 * header naming each tensor's dtype, shape and byte range in the data that follows, an optional string map
 * {@code __metadata__}, then the raw little-endian data. Reading maps the file and copies each tensor out in bulk.
 */
final class Safetensors {

    static final String METADATA = "__metadata__";
    private static final String F32 = "F32";
    private static final long MAX_HEADER = 100_000_000;

    private Safetensors() {
    }

    /** A named float32 tensor, row-major. */
    record Tensor(String name, int[] shape, float[] values) {
        Tensor {
            if (Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) != values.length) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " does not hold "
                        + values.length + " values");
            }
        }
    }

    /** What a file holds; the data stays mapped until the contents are dropped. */
    static final class Contents {
        private final Path file;
        private final Map<String, String> metadata;
        private final Map<String, int[]> shapes;
        private final Map<String, long[]> offsets;
        private final ByteBuffer data;

        private Contents(Path file, Map<String, String> metadata, Map<String, int[]> shapes,
                         Map<String, long[]> offsets, ByteBuffer data) {
            this.file = file;
            this.metadata = metadata;
            this.shapes = shapes;
            this.offsets = offsets;
            this.data = data;
        }

        Map<String, String> metadata() {
            return metadata;
        }

        boolean has(String name) {
            return shapes.containsKey(name);
        }

        int[] shape(String name) {
            return require(name).clone();
        }

        float[] floats(String name) {
            require(name);
            long[] range = offsets.get(name);
            float[] values = new float[Math.toIntExact((range[1] - range[0]) / Float.BYTES)];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(Math.toIntExact(range[0]))
                    .asFloatBuffer().get(values);
            return values;
        }

        private int[] require(String name) {
            int[] shape = shapes.get(name);
            if (shape == null) {
                throw new InvalidInputException(file + ": holds no tensor " + name);
            }
            return shape;
        }
    }

    /**
     * Writes {@code tensors} in order, after a header padded with blanks so the data starts 8-byte aligned, into a file
     * that must not exist yet.
     */
    static void write(Path file, Map<String, String> metadata, List<Tensor> tensors) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put(METADATA, metadata);
        long offset = 0;
        for (Tensor tensor : tensors) {
            long end = offset + (long) tensor.values().length * Float.BYTES;
            header.put(tensor.name(), Map.of("dtype", F32,
                    "shape", Arrays.stream(tensor.shape()).boxed().toList(),
                    "data_offsets", List.of(offset, end)));
            offset = end;
        }
        StringBuilder json = new StringBuilder(Json.write(header));
        while ((8 + json.length()) % 8 != 0) {
            json.append(' ');
        }
        byte[] headerBytes = json.toString().getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer start = ByteBuffer.allocate(8 + headerBytes.length).order(ByteOrder.LITTLE_ENDIAN);
            start.putLong(headerBytes.length).put(headerBytes).flip();
            writeFully(channel, start);
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor tensor : tensors) {
                float[] values = tensor.values();
                for (int i = 0; i < values.length; ) {
                    int n = Math.min(values.length - i, buffer.capacity() / Float.BYTES);
                    buffer.clear();
                    buffer.asFloatBuffer().put(values, i, n);
                    buffer.limit(n * Float.BYTES);
                    writeFully(channel, buffer);
                    i += n;
                }
            }
            channel.force(true);
        }
    }

    /**
     * Reads the header and maps the data.
     *
     * @throws InvalidInputException naming the file when it is not a well-formed float32 safetensors file
     */
    static Contents read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw invalid(file, "it is " + size + " bytes long");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
                throw invalid(file, "its header length " + headerLength + " does not fit a " + size + "-byte file");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            Object header;
            try {
                header = Json.parse(new String(headerBytes.array(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw invalid(file, "its header is not valid JSON: " + e.getMessage());
            }
            long dataStart = 8 + headerLength;
            if (size - dataStart > Integer.MAX_VALUE) {
                throw invalid(file, "it holds more than 2 GiB of data");
            }
            ByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, dataStart, size - dataStart);
            return contents(file, header, data);
        }
    }

    private static Contents contents(Path file, Object header, ByteBuffer data) {
        if (!(header instanceof Map<?, ?> entries)) {
            throw invalid(file, "its header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        Map<String, long[]> offsets = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String name = (String) entry.getKey();
            if (name.equals(METADATA)) {
                metadata(file, entry.getValue(), metadata);
                continue;
            }
            if (!(entry.getValue() instanceof Map<?, ?> tensor)) {
                throw invalid(file, "tensor " + name + " is not described by an object");
            }
            if (!(tensor.get("dtype") instanceof String)) {
                throw invalid(file, "tensor " + name + " has no dtype");
            }
            if (!F32.equals(tensor.get("dtype"))) {
                throw new InvalidInputException(file + ": tensor " + name + " holds " + tensor.get("dtype")
                        + " values; only F32 (float32) is supported");
            }
            int[] shape = shape(file, name, tensor.get("shape"));
            long[] range = range(file, name, tensor.get("data_offsets"));
            long bytes = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) * Float.BYTES;
            if (range[0] < 0 || range[1] - range[0] != bytes) {
                throw invalid(file, "tensor " + name + " has " + (range[1] - range[0]) + " bytes of data for shape "
                        + Arrays.toString(shape));
            }
            if (range[1] > data.capacity()) {
                throw new InvalidInputException(file + ": is truncated: tensor " + name + " ends at byte "
                        + range[1] + " of the data but the file holds " + data.capacity());
            }
            shapes.put(name, shape);
            offsets.put(name, range);
        }
        return new Contents(file, metadata, shapes, offsets, data);
    }

    private static void metadata(Path file, Object value, Map<String, String> into) {
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(file, METADATA + " is not an object");
        }
        map.forEach((key, text) -> {
            if (!(text instanceof String s)) {
                throw invalid(file, METADATA + " value of " + key + " is not a string");
            }
            into.put((String) key, s);
        });
    }

    private static int[] shape(Path file, String name, Object value) {
        if (!(value instanceof List<?> list)) {
            throw invalid(file, "tensor " + name + " has no shape");
        }
        int[] shape = new int[list.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(list.get(i) instanceof Long dimension) || dimension < 0 || dimension > Integer.MAX_VALUE) {
                throw invalid(file, "tensor " + name + " has a bad shape " + list);
            }
            shape[i] = dimension.intValue();
        }
        return shape;
    }

    private static long[] range(Path file, String name, Object value) {
        if (!(value instanceof List<?> list) || list.size() != 2 || !(list.get(0) instanceof Long begin)
                || !(list.get(1) instanceof Long end)) {
            throw invalid(file, "tensor " + name + " has no data_offsets [begin, end]");
        }
        return new long[] {begin, end};
    }

    private static InvalidInputException invalid(Path file, String why) {
        return new InvalidInputException(file + ": not a valid safetensors file (" + why + ")");
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new InvalidInputException("unexpected end of file");
            }
        }
    }
}
