package dev.nst.weights;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.weights.TorchUnpickler.StorageRef;
import dev.nst.weights.TorchUnpickler.StorageType;
import dev.nst.weights.TorchUnpickler.TensorRef;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;

/**
 * A PyTorch checkpoint holding a state dict, in either of the layouts {@code torch.save} writes:
 * <ul>
 * <li>zip (PyTorch 1.6 and later): {@code <archive>/data.pkl} is the pickle, whose persistent ids
 * {@code ('storage', type, key, location, numel)} name the entries {@code <archive>/data/<key>} holding each
 * storage's raw little-endian bytes;</li>
 * <li>legacy (before 1.6, and {@code _use_new_zipfile_serialization=False}): a stream of pickles (the magic number,
 * the protocol version 1001, a dict of system facts such as {@code little_endian}), then the state dict's pickle
 * with persistent ids {@code ('storage', type, root_key, location, numel, view_metadata)}, then a pickled list of
 * the storage keys, then each storage in that order as an 8-byte little-endian element count and its raw bytes.</li>
 * </ul>
 * Only the tensors a caller wants are read (torchvision's VGG19 file also holds 500 MB of classifier); they must be
 * float32.
 */
final class TorchCheckpoint {

    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long LEGACY_PROTOCOL = 1001;

    /** A tensor's shape and values, row-major (contiguous whatever its strides were in the file). */
    record Tensor(int[] shape, float[] values) {
    }

    /** Every tensor name in the state dict, and the values of the wanted ones. */
    record Contents(List<String> names, Map<String, Tensor> tensors) {
    }

    private final Path file;

    TorchCheckpoint(Path file) {
        this.file = file;
    }

    Contents read(WeightsFormat format, Predicate<String> wanted) {
        try {
            return format == WeightsFormat.TORCH_ZIP ? readZip(wanted) : readLegacy(wanted);
        } catch (InvalidInputException e) {
            throw e;
        } catch (TorchUnpickler.UnsupportedGlobalException e) {
            throw new InvalidInputException(file + ": holds a pickled " + e.getMessage() + ", not just tensors;"
                    + " save the weights with torch.save(model.state_dict(), file)", e);
        } catch (IOException | RuntimeException e) {
            // PickleException, and whatever a damaged pickle makes of the machine: ClassCastException, index errors...
            throw corrupt(e);
        }
    }

    private Contents readZip(Predicate<String> wanted) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith("data.pkl"))
                    .filter(n -> n.equals("data.pkl") || n.endsWith("/data.pkl")).findFirst()
                    .map(n -> n.substring(0, n.length() - "data.pkl".length()))
                    .orElseThrow(() -> new InvalidInputException(file + ": is a zip file but not a PyTorch checkpoint"
                            + " (it has no data.pkl)"));
            ZipEntry byteOrder = zip.getEntry(prefix + "byteorder");
            if (byteOrder != null) {
                String order = new String(zip.getInputStream(byteOrder).readAllBytes()).trim();
                if (!order.equals("little")) {
                    throw new InvalidInputException(file + ": was saved " + order + "-endian; only little-endian"
                            + " checkpoints are supported");
                }
            }
            Map<String, TensorRef> dict;
            try (InputStream pickle = new BufferedInputStream(zip.getInputStream(zip.getEntry(prefix + "data.pkl")))) {
                dict = stateDict(TorchUnpickler.loadOne(pickle, tuple -> new StorageRef(
                        (String) tuple[2], (StorageType) tuple[1], TorchUnpickler.integer(tuple[4]), 0)));
            }
            Map<String, TensorRef> chosen = chosen(dict, wanted);
            Map<String, float[]> storages = new HashMap<>();
            for (TensorRef ref : chosen.values()) {
                String key = ref.storage().key();
                if (!storages.containsKey(key)) {
                    ZipEntry entry = zip.getEntry(prefix + "data/" + key);
                    if (entry == null) {
                        throw new InvalidInputException(file + ": is missing the data of storage " + key);
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        storages.put(key, floats(in, ref.storage().elements()));
                    }
                }
            }
            return contents(dict, chosen, storages);
        }
    }

    private Contents readLegacy(Predicate<String> wanted) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Object magic = TorchUnpickler.loadOne(in, this::noStorage);
            if (!(magic instanceof Number number) || !new BigInteger(number.toString()).equals(LEGACY_MAGIC)) {
                throw new InvalidInputException(file + ": is not a PyTorch checkpoint (wrong magic number)");
            }
            Object protocol = TorchUnpickler.loadOne(in, this::noStorage);
            if (!(protocol instanceof Number version) || version.longValue() != LEGACY_PROTOCOL) {
                throw new InvalidInputException(file + ": uses PyTorch serialisation protocol " + protocol
                        + ", expected " + LEGACY_PROTOCOL);
            }
            if (TorchUnpickler.loadOne(in, this::noStorage) instanceof Map<?, ?> system
                    && Boolean.FALSE.equals(system.get("little_endian"))) {
                throw new InvalidInputException(file + ": was saved big-endian; only little-endian checkpoints are"
                        + " supported");
            }
            Map<String, StorageRef> roots = new HashMap<>();
            Map<String, TensorRef> dict = stateDict(TorchUnpickler.loadOne(in, tuple -> {
                StorageRef root = new StorageRef((String) tuple[2], (StorageType) tuple[1],
                        TorchUnpickler.integer(tuple[4]), 0);
                roots.putIfAbsent(root.key(), root);
                if (tuple.length > 5 && tuple[5] instanceof Object[] view) {
                    return new StorageRef(root.key(), root.type(), root.elements(), TorchUnpickler.integer(view[1]));
                }
                return root;
            }));
            if (!(TorchUnpickler.loadOne(in, this::noStorage) instanceof List<?> keys)) {
                throw new InvalidInputException(file + ": has no list of storage keys after the state dict");
            }
            Map<String, TensorRef> chosen = chosen(dict, wanted);
            List<String> needed = chosen.values().stream().map(ref -> ref.storage().key()).distinct().toList();
            Map<String, float[]> storages = new HashMap<>();
            for (Object key : keys) {
                StorageRef root = roots.get((String) key);
                if (root == null) {
                    throw new InvalidInputException(file + ": lists storage " + key + " that no tensor uses");
                }
                long elements = readLong(in);
                if (elements != root.elements()) {
                    throw new InvalidInputException(file + ": storage " + key + " holds " + elements
                            + " elements but the state dict says " + root.elements());
                }
                if (needed.contains(root.key())) {
                    storages.put(root.key(), floats(in, elements));
                } else {
                    in.skipNBytes(Math.multiplyExact(elements, root.type().elementSize()));
                }
                if (storages.size() == needed.size()) {
                    break;
                }
            }
            return contents(dict, chosen, storages);
        }
    }

    private StorageRef noStorage(Object[] tuple) {
        throw new PickleException("a storage where none belongs");
    }

    private Map<String, TensorRef> stateDict(Object root) {
        Object dict = root instanceof Map<?, ?> map && map.get("state_dict") instanceof Map<?, ?> inner ? inner : root;
        if (!(dict instanceof Map<?, ?> map)) {
            throw new InvalidInputException(file + ": holds a " + TorchUnpickler.describe(dict)
                    + ", not a state dict");
        }
        Map<String, TensorRef> tensors = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (key instanceof String name && value instanceof TensorRef tensor) {
                tensors.put(name, tensor);
            } else if (key instanceof String name && value instanceof TorchUnpickler.LegacyTensor legacy) {
                legacy.tensor().ifPresent(tensor -> tensors.put(name, tensor));
            }
        });
        return tensors;
    }

    private Map<String, TensorRef> chosen(Map<String, TensorRef> dict, Predicate<String> wanted) {
        Map<String, TensorRef> chosen = new LinkedHashMap<>();
        dict.forEach((name, ref) -> {
            if (wanted.test(name)) {
                if (!ref.storage().type().isFloat32()) {
                    throw new InvalidInputException(file + ": " + name + " holds " + ref.storage().type().dtype()
                            + " values (torch." + ref.storage().type().name() + "); only float32 is supported");
                }
                chosen.put(name, ref);
            }
        });
        return chosen;
    }

    private Contents contents(Map<String, TensorRef> dict, Map<String, TensorRef> chosen,
                              Map<String, float[]> storages) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        chosen.forEach((name, ref) -> {
            float[] storage = storages.get(ref.storage().key());
            if (storage == null) {
                throw new InvalidInputException(file + ": is truncated: the data of " + name + " is missing");
            }
            tensors.put(name, new Tensor(ref.size().clone(), gather(name, ref, storage)));
        });
        return new Contents(new ArrayList<>(dict.keySet()), tensors);
    }

    /** The tensor's elements in row-major order, read through its offset and strides. */
    private float[] gather(String name, TensorRef ref, float[] storage) {
        int[] size = ref.size();
        long[] stride = ref.stride();
        long base = ref.storage().viewOffset() + ref.offset();
        float[] values = new float[Math.toIntExact(ref.elements())];
        if (values.length == 0) {
            return values;
        }
        long last = base;
        for (int d = 0; d < size.length; d++) {
            last += (size[d] - 1) * stride[d];
            if (stride[d] < 0) {
                throw new InvalidInputException(file + ": " + name + " has a negative stride");
            }
        }
        if (base < 0 || last >= storage.length) {
            throw new InvalidInputException(file + ": " + name + " reaches element " + last + " of a storage of "
                    + storage.length);
        }
        int[] index = new int[size.length];
        long position = base;
        for (int i = 0; i < values.length; i++) {
            values[i] = storage[(int) position];
            for (int d = size.length - 1; d >= 0; d--) {
                if (++index[d] < size[d]) {
                    position += stride[d];
                    break;
                }
                position -= (long) (size[d] - 1) * stride[d];
                index[d] = 0;
            }
        }
        return values;
    }

    private static long readLong(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(Long.BYTES);
        if (bytes.length != Long.BYTES) {
            throw new EOFException("end of file before a storage");
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private float[] floats(InputStream in, long elements) throws IOException {
        int count = Math.toIntExact(elements);
        byte[] bytes = in.readNBytes(Math.multiplyExact(count, Float.BYTES));
        if (bytes.length != count * Float.BYTES) {
            throw new InvalidInputException(file + ": is truncated: a storage of " + count + " float32 values"
                    + " ends after " + bytes.length + " bytes");
        }
        float[] values = new float[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private InvalidInputException corrupt(Exception e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new InvalidInputException(file + ": cannot be read, the PyTorch checkpoint is corrupt or truncated ("
                + detail.replaceAll("\\s+", " ").trim() + ")", e);
    }
}
