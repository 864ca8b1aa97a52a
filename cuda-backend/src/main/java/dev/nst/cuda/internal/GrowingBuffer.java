package dev.nst.cuda.internal;

import jcuda.Pointer;

/**
 * Device memory grown on demand to the largest size asked for and reused, its contents not kept: a session's cuDNN
 * workspace (one for every convolution, as large as the hungriest chosen algorithm) and its scratch floats.
 */
final class GrowingBuffer implements AutoCloseable {

    private final CudaDevice device;
    private DeviceBuffer buffer;

    GrowingBuffer(CudaDevice device) {
        this.device = device;
        this.buffer = device.allocate(0);
    }

    /**
     * Makes the buffer at least {@code bytes} large. Work queued earlier that still uses the old buffer finishes
     * before it is freed (rare: only when a larger size is asked for).
     */
    void ensure(long bytes) {
        if (bytes > buffer.bytes()) {
            device.synchronize();
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
