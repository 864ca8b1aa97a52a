package dev.nst.cuda.internal;

import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.Tensor;
import jcuda.Pointer;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaMemcpyKind;

/**
 * A dense, channel-major float tensor in device memory. Either owned by a {@link CudaSession} (closing it frees it) or
 * a view of an activation a network plan owns (closing it does nothing; the plan invalidates it when it rebuilds).
 */
final class CudaTensor implements Tensor {

    private final Shape shape;
    private final DeviceBuffer buffer;
    private final CudaDevice device;
    private final CudaSession owner;
    private boolean closed;

    private CudaTensor(Shape shape, DeviceBuffer buffer, CudaDevice device, CudaSession owner) {
        this.shape = shape;
        this.buffer = buffer;
        this.device = device;
        this.owner = owner;
    }

    static CudaTensor owned(Shape shape, DeviceBuffer buffer, CudaDevice device, CudaSession owner) {
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

    int size() {
        return shape.size();
    }

    long bytes() {
        return (long) size() * Float.BYTES;
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
        device.bind();
        device.synchronize();
        float[] values = new float[size()];
        device.status.runtime(JCuda.cudaMemcpy(Pointer.to(values), pointer(), bytes(),
                cudaMemcpyKind.cudaMemcpyDeviceToHost), "cudaMemcpy(device to host)");
        return values;
    }

    @Override
    public void close() {
        if (!closed && owner != null) {
            closed = true;
            owner.release(this, buffer);
        }
    }

    /** A view's plan freed or rebuilt its activations: later use fails instead of reading freed memory. */
    void invalidate() {
        closed = true;
    }
}
