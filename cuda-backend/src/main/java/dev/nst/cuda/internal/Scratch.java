package dev.nst.cuda.internal;

import dev.nst.cuda.KernelGeometry;
import jcuda.Pointer;

/**
 * A session's temporary device memory: floats for differences, weighted features and symmetrised Gram gradients
 * (grown to the largest asked for, contents not kept between operations) and the per-block partial sums of the
 * reduction kernels.
 */
final class Scratch implements AutoCloseable {

    /** Where a second region starts: on a 256-byte boundary, as {@code cudaMalloc} aligns the first. */
    private static final long ALIGNMENT_FLOATS = 64;

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

    /** Two regions that do not overlap, of {@code first} and {@code second} floats, for one operation. */
    Pointer[] floats(long first, long second) {
        long start = (first + ALIGNMENT_FLOATS - 1) / ALIGNMENT_FLOATS * ALIGNMENT_FLOATS;
        floats.ensure((start + second) * Float.BYTES);
        Pointer base = floats.pointer();
        return new Pointer[] {base, base.withByteOffset(start * Float.BYTES)};
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
