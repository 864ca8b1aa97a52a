package dev.nst.cuda;

import java.nio.file.Path;
import java.util.List;

/**
 * A library found in one folder, with what must be loaded before the JNI library that needs it.
 *
 * @param name     what the JNI library asks for, e.g. {@code libcublas.so.12}
 * @param major    its major version (the number in the name: 12 for {@code libcublas.so.12})
 * @param folder   where it was found
 * @param optional loaded first, as far as they load (cuDNN's sub-libraries, which cuDNN opens by name on demand)
 * @param required loaded in this order, each must load (e.g. {@code libcublasLt.so.12}, then {@code libcublas.so.12})
 */
public record LibrarySet(String name, int major, Path folder, List<Path> optional, List<Path> required) {

    public LibrarySet {
        optional = List.copyOf(optional);
        required = List.copyOf(required);
    }

    /** The library itself, by absolute path. */
    public Path file() {
        return folder.resolve(name).toAbsolutePath();
    }
}
