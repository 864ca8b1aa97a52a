package dev.nst.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.weights.TorchUnpickler.StorageRef;
import dev.nst.weights.TorchUnpickler.StorageType;
import dev.nst.weights.TorchUnpickler.TensorRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The globals a state dict may name, in hand-written pickles (protocol 2 opcodes). */
class TorchUnpicklerTest {

    private static final StorageRef STORAGE = new StorageRef("0", new StorageType("FloatStorage", 4), 6, 0);

    @Test
    void cudaStorageClassesAreStorageTypesLikeTheCpuOnes() throws IOException {
        Object type = load(pickle(global("torch.cuda", "FloatStorage"), "."));

        assertThat(type).isEqualTo(new StorageType("FloatStorage", 4));
        assertThat(((StorageType) type).isFloat32()).isTrue();
        assertThat(load(pickle(global("torch", "DoubleStorage"), "."))).satisfies(t -> {
            assertThat(((StorageType) t).dtype()).isEqualTo("float64");
            assertThat(((StorageType) t).elementSize()).isEqualTo(8);
        });
    }

    @Test
    void aTensorMadeFromItsClassWithNewobjGetsItsStateFromBuild() throws IOException {
        // torch.cuda.FloatTensor.__new__(), then BUILD (storage, 1, (2, 2), (2, 1)), the storage a persistent id
        byte[] bytes = pickle(global("torch.cuda", "FloatTensor"), ")", "\u0081", "(",
                "(", "X", utf8("storage"), global("torch.cuda", "FloatStorage"), "X", utf8("0"), "X", utf8("cuda:0"),
                "K\u0006", "t", "Q", "K\u0001", "K\u0002K\u0002\u0086", "K\u0002K\u0001\u0086", "t", "b", ".");
        List<Object[]> persistentIds = new ArrayList<>();

        Object tensor = TorchUnpickler.loadOne(new ByteArrayInputStream(bytes), pid -> {
            persistentIds.add(pid);
            return STORAGE;
        });

        assertThat(persistentIds).hasSize(1);
        assertThat(persistentIds.get(0)).containsExactly("storage", new StorageType("FloatStorage", 4), "0", "cuda:0", 6);

        assertThat(tensor).isInstanceOf(TorchUnpickler.LegacyTensor.class);
        TensorRef ref = ((TorchUnpickler.LegacyTensor) tensor).tensor().orElseThrow();
        assertThat(ref.storage()).isEqualTo(STORAGE);
        assertThat(ref.offset()).isEqualTo(1);
        assertThat(ref.size()).containsExactly(2, 2);
        assertThat(ref.stride()).containsExactly(2, 1);
    }

    @Test
    void aStateDictKeepsTheOrderOfItsItems() throws IOException {
        // OrderedDict() with items z, a, m set in one SETITEMS
        byte[] bytes = pickle(global("collections", "OrderedDict"), ")R(", "X", utf8("z"), "K\u0001", "X", utf8("a"),
                "K\u0002", "X", utf8("m"), "K\u0003", "u.");

        Map<?, ?> dict = (Map<?, ?>) load(bytes);

        assertThat(List.copyOf(dict.keySet())).isEqualTo(List.of("z", "a", "m"));
    }

    @Test
    void anyOtherClassIsRefused() {
        assertThatThrownBy(() -> load(pickle(global("os", "system"), ".")))
                .isInstanceOf(TorchUnpickler.UnsupportedGlobalException.class)
                .hasMessage("os.system");
        assertThatThrownBy(() -> load(pickle(global("torch.nn.modules.conv", "Conv2d"), ")\u0081.")))
                .isInstanceOf(TorchUnpickler.UnsupportedGlobalException.class)
                .hasMessage("torch.nn.modules.conv.Conv2d");
    }

    private static Object load(byte[] bytes) throws IOException {
        return TorchUnpickler.loadOne(new ByteArrayInputStream(bytes), pid -> STORAGE);
    }

    private static String global(String module, String name) {
        return "c" + module + "\n" + name + "\n";
    }

    /** BINUNICODE's 4-byte little-endian length and the UTF-8 bytes, as a string of Latin-1 characters. */
    private static String utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new String(new byte[] {(byte) bytes.length, 0, 0, 0}, StandardCharsets.ISO_8859_1)
                + new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** PROTO 2 followed by the parts, each character one byte. */
    private static byte[] pickle(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80);
        out.write(2);
        for (String part : parts) {
            out.writeBytes(part.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }
}
