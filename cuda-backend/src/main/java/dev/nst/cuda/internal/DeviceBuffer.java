package dev.nst.cuda.internal;

import jcuda.Pointer;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaError;

/**
 * A block of device memory; closing it frees it ({@code cudaFree}) at once. Every device allocation of the backend is
 * one of these, owned by a session, a network plan or the device, which close them.
 */
final class DeviceBuffer implements AutoCloseable {

    private final Pointer pointer;
    private final long bytes;
    private final Status status;
    private boolean closed;

    private DeviceBuffer(Pointer pointer, long bytes, Status status) {
        this.pointer = pointer;
        this.bytes = bytes;
        this.status = status;
    }

    /**
     * Allocates {@code bytes} of device memory (contents undefined).
     *
     * @throws dev.nst.core.domain.TransferFailedException naming what is needed and free when memory runs out
     */
    static DeviceBuffer allocate(long bytes, Status status) {
        Pointer pointer = new Pointer();
        if (bytes == 0) {
            return new DeviceBuffer(pointer, 0, status);
        }
        int code = JCuda.cudaMalloc(pointer, bytes);
        if (code == cudaError.cudaErrorMemoryAllocation) {
            JCuda.cudaGetLastError();
            throw status.outOfMemory(bytes);
        }
        status.runtime(code, "cudaMalloc(" + bytes + " bytes)");
        return new DeviceBuffer(pointer, bytes, status);
    }

    /** The start of the block. */
    Pointer pointer() {
        if (closed) {
            throw new IllegalStateException("device memory used after it was freed");
        }
        return pointer;
    }

    /** The address {@code floats} floats into the block. */
    Pointer floatsIn(long floats) {
        return pointer().withByteOffset(floats * Float.BYTES);
    }

    long bytes() {
        return bytes;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (bytes > 0) {
                status.runtime(JCuda.cudaFree(pointer), "cudaFree");
            }
        }
    }
}
