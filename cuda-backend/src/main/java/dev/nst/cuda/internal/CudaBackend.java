package dev.nst.cuda.internal;

import dev.nst.core.backend.SpeedProbe;
import dev.nst.core.port.out.BackendCapacity;
import dev.nst.core.port.out.Capability;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;

/** The CUDA backend on one GPU; each transfer gets a session of its own. */
final class CudaBackend implements ComputeBackend {

    static final String NAME = "cuda";

    private final CudaDevice device;
    private final CudaCapacity capacity;
    private SpeedProbe.Speeds speeds;

    CudaBackend(CudaDevice device) {
        this.device = device;
        this.capacity = new CudaCapacity(this::speeds);
    }

    @Override
    public BackendCapacity capacity() {
        return capacity;
    }

    /** Measured on first use, then kept. */
    private synchronized SpeedProbe.Speeds speeds() {
        if (speeds == null) {
            speeds = SpeedProbe.measure(this);
        }
        return speeds;
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
