package dev.nst.cpu;

import dev.nst.core.backend.MeasuredSpeeds;
import dev.nst.core.port.out.BackendCapacity;
import dev.nst.core.port.out.Capability;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;

/** The CPU backend: a kernel library plus the threads its Java-side loops run on. */
final class CpuBackend implements ComputeBackend {

    private final CpuKernels kernels;
    private final Parallel parallel;
    private final CpuCapacity capacity;

    CpuBackend(CpuKernels kernels, Parallel parallel) {
        this.kernels = kernels;
        this.parallel = parallel;
        this.capacity = new CpuCapacity(new MeasuredSpeeds(this));
    }

    @Override
    public BackendCapacity capacity() {
        return capacity;
    }

    @Override
    public String name() {
        return CpuBackendProvider.NAME;
    }

    @Override
    public String description() {
        return "cpu: " + kernels.description() + ", " + parallel.threads() + (parallel.threads() == 1 ? " thread" : " threads");
    }

    /** Runs as many transfers at once as it is given threads for; no capability beyond the basics. */
    @Override
    public boolean has(Capability capability) {
        return false;
    }

    @Override
    public ComputeSession openSession() {
        return new CpuSession(kernels, parallel);
    }

    @Override
    public void close() {
        parallel.close();
        kernels.close();
    }
}
