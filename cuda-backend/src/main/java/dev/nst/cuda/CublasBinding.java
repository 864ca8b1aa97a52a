package dev.nst.cuda;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the backend reaches cuBLAS. JCublas 12.6's JNI library is linked against the CUDA 12 cuBLAS
 * ({@code libcublas.so.12}) and cannot load without it; machines with CUDA 13 only (driver 580 and newer, PyTorch's
 * cu130 wheels) have {@code libcublas.so.13}. The handful of cuBLAS functions the backend calls have the same C
 * signatures in both, so with cuBLAS 13 they are called by symbol name through JNA instead.
 */
public sealed interface CublasBinding {

    /** Through JCublas2: the linker finds {@code libcublas.so.12}, preloaded by absolute path if nst found it. */
    record JCublas() implements CublasBinding {
        @Override
        public String describe() {
            return "";
        }
    }

    /** The C functions of the cuBLAS at {@code library}, called through JNA. */
    record Direct(Path library) implements CublasBinding {
        @Override
        public String describe() {
            return " (its C API through JNA)";
        }
    }

    /** What {@code nst backends} adds after cuBLAS's version: empty for JCublas. */
    String describe();

    /**
     * The binding for what the search found: JCublas for a CUDA 12 cuBLAS or when nothing was found (the linker may
     * still know one), the C API for any other major version.
     */
    static CublasBinding forLocated(Optional<LibrarySet> located) {
        return located.filter(set -> set.major() != LibraryNames.JCUBLAS_MAJOR)
                .<CublasBinding>map(set -> new Direct(set.file()))
                .orElseGet(JCublas::new);
    }
}
