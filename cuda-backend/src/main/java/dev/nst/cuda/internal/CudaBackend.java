package dev.nst.cuda.internal;

import dev.nst.core.backend.MeasuredSpeeds;
import dev.nst.core.port.out.BackendCapacity;
import dev.nst.core.port.out.Capability;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;

/** The CUDA backend on one GPU; each transfer gets a session of its own. */
final class CudaBackend implements ComputeBackend {

    static final String NAME = "cuda";

    private final CudaDevice device;
    private final CudaCapacity capacity;

    CudaBackend(CudaDevice device) {
        this.device = device;
        this.capacity = new CudaCapacity(new MeasuredSpeeds(this));
    }

    @Override
    public BackendCapacity capacity() {
        return capacity;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return NAME + ": " + device.description.gpu().name() + ", cuDNN " + device.description.cudnnVersion()
                + ", cuBLAS " + device.description.cublasVersion() + ", " + device.precision.id();
    }

    /** One device, one transfer at a time: a service queues transfers for it. */
    @Override
    public boolean has(Capability capability) {
        return capability == Capability.EXCLUSIVE_DEVICE;
    }

    @Override
    public ComputeSession openSession() {
        return new CudaSession(device);
    }

    @Override
    public void close() {
        device.close();
    }
}
