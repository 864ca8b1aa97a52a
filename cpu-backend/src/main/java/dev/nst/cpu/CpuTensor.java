package dev.nst.cpu;

import dev.nst.core.backend.OwningScope;
import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.Tensor;
import java.nio.FloatBuffer;

/** A dense, channel-major tensor in off-heap memory, owned by a tensor scope of a {@link CpuSession}. */
final class CpuTensor implements Tensor {

    private final Shape shape;
    private final Allocator.Block block;
    private final OwningScope owner;
    private boolean closed;

    CpuTensor(Shape shape, Allocator.Block block, OwningScope owner) {
        this.shape = shape;
        this.block = block;
        this.owner = owner;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    /** The values; position-independent (use absolute get/put). */
    FloatBuffer data() {
        if (closed) {
            throw new IllegalStateException("tensor " + shape + " used after close");
        }
        return block.buffer();
    }

    /** The element count; a CPU tensor holds at most {@link Integer#MAX_VALUE} (its session checks before allocating). */
    int size() {
        return shape.intSize();
    }

    @Override
    public float[] toArray() {
        float[] values = new float[size()];
        data().get(0, values);
        return values;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            block.free();
            if (owner != null) {
                owner.released(this);
            }
        }
    }

    static CpuTensor of(Tensor tensor) {
        if (tensor instanceof CpuTensor cpu) {
            return cpu;
        }
        throw new IllegalArgumentException("not a cpu tensor: " + tensor.getClass().getName());
    }
}
