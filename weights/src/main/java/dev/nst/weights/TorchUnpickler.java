package dev.nst.weights;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles a PyTorch state dict with razorvine's pickle machine, allowing only the few globals a state dict uses:
 * {@code collections.OrderedDict}, the tensor rebuild functions of {@code torch._utils}, the typed storage classes
 * ({@code torch.FloatStorage}, {@code torch.cuda.FloatStorage} ...) and, for files of early 2017, the tensor classes
 * ({@code torch.FloatTensor}, {@code torch.cuda.FloatTensor} ...) whose state {@code (storage, offset, size, stride)}
 * is set by BUILD. Tensors come out as {@link TensorRef}s pointing into storages named by persistent ids; their data
 * is read by the caller, only for the tensors it wants. Anything else (a pickled model class, say) is refused with
 * {@link UnsupportedGlobalException}.
 */
final class TorchUnpickler extends Unpickler {

    /** A storage class such as {@code torch.FloatStorage}. */
    record StorageType(String name, int elementSize) {
        boolean isFloat32() {
            return name.equals("FloatStorage");
        }

        String dtype() {
            return switch (name) {
                case "FloatStorage" -> "float32";
                case "DoubleStorage" -> "float64";
                case "HalfStorage" -> "float16";
                case "BFloat16Storage" -> "bfloat16";
                default -> name;
            };
        }
    }

    /** A storage as a persistent id names it; {@code viewOffset} (elements) when it is a view of a larger one. */
    record StorageRef(String key, StorageType type, long elements, long viewOffset) {
    }

    /** A tensor: a window of {@code size} with {@code stride} (elements) from {@code offset} into a storage. */
    record TensorRef(StorageRef storage, long offset, int[] size, long[] stride) {
        long elements() {
            return Arrays.stream(size).asLongStream().reduce(1, (a, b) -> a * b);
        }
    }

    /** A pickle names a class that is not part of a state dict. */
    static final class UnsupportedGlobalException extends PickleException {
        UnsupportedGlobalException(String global) {
            super(global);
        }
    }

    /** A tensor pickled the early-2017 way: made empty from its class, then given its state by BUILD. */
    static final class LegacyTensor {
        private TensorRef state;

        Optional<TensorRef> tensor() {
            return Optional.ofNullable(state);
        }
    }

    /** {@code collections.OrderedDict}, keeping the order of its items. */
    static final class OrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    private static final Map<String, Integer> STORAGE_ELEMENT_SIZES = Map.ofEntries(
            Map.entry("FloatStorage", 4), Map.entry("DoubleStorage", 8), Map.entry("HalfStorage", 2),
            Map.entry("BFloat16Storage", 2), Map.entry("LongStorage", 8), Map.entry("IntStorage", 4),
            Map.entry("ShortStorage", 2), Map.entry("CharStorage", 1), Map.entry("ByteStorage", 1),
            Map.entry("BoolStorage", 1), Map.entry("ComplexFloatStorage", 8), Map.entry("ComplexDoubleStorage", 16));

    private final Function<Object[], StorageRef> storages;

    /** @param storages turns a persistent id tuple into the storage it names (the layout differs by format) */
    TorchUnpickler(Function<Object[], StorageRef> storages) {
        this.storages = storages;
    }

    /** Unpickles one pickle from {@code in}, reading no further than its STOP opcode. */
    static Object loadOne(InputStream in, Function<Object[], StorageRef> storages) throws IOException {
        return new TorchUnpickler(storages).load(in);
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        if (key == Opcodes.GLOBAL) {
            String module = PickleUtils.readline(input);
            String name = PickleUtils.readline(input);
            stack.add(global(module, name));
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.STACK_GLOBAL) {
            String name = (String) stack.pop();
            String module = (String) stack.pop();
            stack.add(global(module, name));
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.SETITEMS) {
            // razorvine collects the items in a HashMap first, which loses their order.
            List<Object> items = stack.pop_all_since_marker();
            @SuppressWarnings("unchecked")
            Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
            for (int i = 0; i + 1 < items.size(); i += 2) {
                dict.put(items.get(i), items.get(i + 1));
            }
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.BUILD) {
            Object state = stack.pop();
            if (stack.peek() instanceof LegacyTensor legacy && state instanceof Object[] tuple && tuple.length == 4) {
                legacy.state = tensor(tuple);
            } else if (!(stack.peek() instanceof OrderedDict)) {
                throw new PickleException("cannot set the state of " + describe(stack.peek()));
            }
            // A state dict's own state is torch's per-module version _metadata: not needed to read the tensors.
            return NO_RETURN_VALUE;
        }
        return super.dispatch(key);
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] tuple) || tuple.length < 5 || !"storage".equals(tuple[0])) {
            throw new PickleException("unexpected persistent id " + describe(pid));
        }
        return storages.apply(tuple);
    }

    private static Object global(String module, String name) {
        String global = module + "." + name;
        boolean torch = module.equals("torch") || module.equals("torch.cuda");
        if (torch && STORAGE_ELEMENT_SIZES.containsKey(name)) {
            return new StorageType(name, STORAGE_ELEMENT_SIZES.get(name));
        }
        if (torch && STORAGE_ELEMENT_SIZES.containsKey(name.replaceFirst("Tensor$", "Storage"))) {
            return (IObjectConstructor) args -> new LegacyTensor();
        }
        return switch (global) {
            case "collections.OrderedDict" -> (IObjectConstructor) args -> new OrderedDict();
            // PyTorch >= 0.4: (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
            case "torch._utils._rebuild_tensor_v2" -> (IObjectConstructor) TorchUnpickler::tensor;
            // PyTorch 0.3 and before, as in the 2017 vgg19-dcbb9e9d.pth: (storage, storage_offset, size, stride)
            case "torch._utils._rebuild_tensor" -> (IObjectConstructor) TorchUnpickler::tensor;
            // nn.Parameter: (data, requires_grad, backward_hooks)
            case "torch._utils._rebuild_parameter" -> (IObjectConstructor) args -> args[0];
            default -> throw new UnsupportedGlobalException(global);
        };
    }

    private static TensorRef tensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage)) {
            throw new PickleException("a tensor is rebuilt from " + describe(args));
        }
        int[] size = Arrays.stream(tuple(args[2])).mapToInt(Math::toIntExact).toArray();
        long[] stride = tuple(args[3]);
        if (size.length != stride.length) {
            throw new PickleException("a tensor has size " + Arrays.toString(size) + " but stride "
                    + Arrays.toString(stride));
        }
        return new TensorRef(storage, integer(args[1]), size, stride);
    }

    private static long[] tuple(Object value) {
        if (!(value instanceof Object[] items)) {
            throw new PickleException("expected a tuple of integers, got " + describe(value));
        }
        return Arrays.stream(items).mapToLong(TorchUnpickler::integer).toArray();
    }

    static long integer(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new PickleException("expected an integer, got " + describe(value));
    }

    static String describe(Object value) {
        if (value instanceof Object[] items) {
            return Arrays.deepToString(items);
        }
        return value == null ? "None" : value.getClass().getSimpleName() + " " + value;
    }
}
