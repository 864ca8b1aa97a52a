package dev.nst.cuda.internal;

import jcuda.NativePointerObject;
import jcuda.Pointer;

/**
 * The raw addresses behind JCuda's pointer and handle objects, for C functions called through JNA. JCuda keeps
 * them in protected fields; its own copy constructors, called from the subclasses below, read them.
 */
final class NativeAddresses {

    private NativeAddresses() {
    }

    /** The device (or host) address a JCuda pointer stands for, its byte offset included. */
    static long of(Pointer pointer) {
        return new PointerCopy(pointer).address();
    }

    /** The value of an opaque handle such as a {@code cudaStream_t}; 0 for the default stream. */
    static long of(NativePointerObject handle) {
        return handle instanceof Pointer pointer ? of(pointer) : new HandleCopy(handle).address();
    }

    private static final class PointerCopy extends Pointer {
        PointerCopy(Pointer other) {
            super(other);
        }

        long address() {
            return getNativePointer() + getByteOffset();
        }
    }

    private static final class HandleCopy extends NativePointerObject {
        HandleCopy(NativePointerObject other) {
            super(other);
        }

        long address() {
            return getNativePointer();
        }
    }
}
