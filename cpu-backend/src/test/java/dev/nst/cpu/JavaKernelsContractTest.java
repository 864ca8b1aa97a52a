package dev.nst.cpu;

import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.testing.BackendContractTest;

/** The CPU backend's pure-Java fallback meets the backend contract. */
class JavaKernelsContractTest extends BackendContractTest {

    @Override
    protected ComputeBackend createBackend() {
        Parallel parallel = new Parallel(2);
        return new CpuBackend(new JavaKernels(parallel, "under test"), parallel);
    }
}
