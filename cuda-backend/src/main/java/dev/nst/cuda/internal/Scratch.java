package dev.nst.cuda.internal;

import dev.nst.cuda.KernelGeometry;
import jcuda.Pointer;

/**
 * A session's temporary device memory: floats for differences and symmetrised Gram gradients (grown to the largest
 * asked for, contents not kept between operations) and the per-block partial sums of the reduction kernels.
 */
final class Scratch implements AutoCloseable {

    private final DeviceBuffer partials;
    private final GrowingBuffer floats;

    Scratch(CudaDevice device) {
        this.partials = device.allocate((long) KernelGeometry.REDUCTION_BLOCKS * Double.BYTES);
        this.floats = new GrowingBuffer(device);
    }

    /** Room for {@code count} floats. */
    Pointer floats(long count) {
        floats.ensure(count * Float.BYTES);
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
