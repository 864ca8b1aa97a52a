package dev.nst.cuda.internal;

import dev.nst.core.backend.OwningScope;
import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.Tensor;
import jcuda.Pointer;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaMemcpyKind;

/**
 * A dense, channel-major float tensor in device memory. Either owned by a tensor scope of a {@link CudaSession}
 * (closing it frees it) or a view of an activation a network plan owns (closing it does nothing; the plan invalidates
 * it when it is rebuilt or closed).
 */
final class CudaTensor implements Tensor {

    private final Shape shape;
    private final DeviceBuffer buffer;
    private final CudaDevice device;
    private final OwningScope owner;
    private boolean closed;

    private CudaTensor(Shape shape, DeviceBuffer buffer, CudaDevice device, OwningScope owner) {
        this.shape = shape;
        this.buffer = buffer;
        this.device = device;
        this.owner = owner;
    }

    /** A tensor that frees {@code buffer} when closed, and then tells {@code owner}. */
    static CudaTensor owned(Shape shape, DeviceBuffer buffer, CudaDevice device, OwningScope owner) {
        return new CudaTensor(shape, buffer, device, owner);
    }

    static CudaTensor view(Shape shape, DeviceBuffer buffer, CudaDevice device) {
        return new CudaTensor(shape, buffer, device, null);
    }

    static CudaTensor of(Tensor tensor) {
        if (tensor instanceof CudaTensor cuda) {
            return cuda;
        }
        throw new IllegalArgumentException("not a cuda tensor: " + tensor.getClass().getName());
    }

    @Override
    public Shape shape() {
        return shape;
    }

    /** The element count; a CUDA tensor holds at most {@link Integer#MAX_VALUE} (checked before allocating). */
    int size() {
        return shape.intSize();
    }

    long bytes() {
        return shape.size() * Float.BYTES;
    }

    Pointer pointer() {
        if (closed) {
            throw new IllegalStateException("tensor " + shape + " used after close");
        }
        return buffer.pointer();
    }

    /** Copies the values to the host: for previews, snapshots and the result, never inside the iteration loop. */
    @Override
    public float[] toArray() {
        Pointer source = pointer();
        device.bind();
        device.synchronize();
        float[] values = new float[size()];
        device.status.runtime(JCuda.cudaMemcpy(Pointer.to(values), source, bytes(),
                cudaMemcpyKind.cudaMemcpyDeviceToHost), "cudaMemcpy(device to host)");
        return values;
    }

    @Override
    public void close() {
        if (!closed && owner != null) {
            closed = true;
            try {
                device.bind();
                buffer.close();
            } finally {
                owner.released(this);
            }
        }
    }

    /** A view's plan freed or rebuilt its activations: later use fails instead of reading freed memory. */
    void invalidate() {
        closed = true;
    }
}
