package dev.nst.cuda.internal;

import jcuda.Pointer;

/** The one cuDNN workspace of a session, grown to the largest any chosen algorithm needs and reused by all. */
final class Workspace implements AutoCloseable {

    private final CudaDevice device;
    private DeviceBuffer buffer;

    Workspace(CudaDevice device) {
        this.device = device;
        this.buffer = device.allocate(0);
    }

    /** Makes the workspace at least {@code bytes} large (its contents are scratch and not kept). */
    void ensure(long bytes) {
        if (bytes > buffer.bytes()) {
            buffer.close();
            buffer = device.allocate(0); // stays valid, empty, if the larger allocation fails
            buffer = device.allocate(bytes);
        }
    }

    Pointer pointer() {
        return buffer.pointer();
    }

    long bytes() {
        return buffer.bytes();
    }

    @Override
    public void close() {
        buffer.close();
    }
}
