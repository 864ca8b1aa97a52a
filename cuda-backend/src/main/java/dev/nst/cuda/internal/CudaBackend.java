package dev.nst.cuda.internal;

import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;

/** The CUDA backend on one GPU; each transfer gets a session of its own. */
final class CudaBackend implements ComputeBackend {

    static final String NAME = "cuda";

    private final CudaDevice device;

    CudaBackend(CudaDevice device) {
        this.device = device;
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

    @Override
    public ComputeSession openSession() {
        return new CudaSession(device);
    }

    @Override
    public void close() {
        device.close();
    }
}
