package dev.nst.cuda.internal;

import dev.nst.cuda.KernelGeometry;
import jcuda.Pointer;

/**
 * A session's temporary device memory: floats for differences and symmetrised Gram gradients (grown to the largest
 * asked for, contents not kept between operations) and the per-block partial sums of the reduction kernels.
 */
final class Scratch implements AutoCloseable {

    private final CudaDevice device;
    private final DeviceBuffer partials;
    private DeviceBuffer floats;

    Scratch(CudaDevice device) {
        this.device = device;
        this.partials = device.allocate((long) KernelGeometry.REDUCTION_BLOCKS * Double.BYTES);
        this.floats = device.allocate(0);
    }

    /** Room for {@code count} floats. Operations queued earlier finish first: freeing device memory waits for them. */
    Pointer floats(long count) {
        long bytes = count * Float.BYTES;
        if (bytes > floats.bytes()) {
            floats.close();
            floats = device.allocate(0); // stays valid, empty, if the larger allocation fails
            floats = device.allocate(bytes);
        }
        return floats.pointer();
    }

    /** Room for one double per reduction block. */
    Pointer partials() {
        return partials.pointer();
    }

    @Override
    public void close() {
        try {
            floats.close();
        } finally {
            partials.close();
        }
    }
}
