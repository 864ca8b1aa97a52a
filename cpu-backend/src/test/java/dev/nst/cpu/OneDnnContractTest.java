package dev.nst.cpu;

import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.testing.BackendContractTest;

/** The CPU backend on oneDNN meets the backend contract. */
class OneDnnContractTest extends BackendContractTest {

    @Override
    protected ComputeBackend createBackend() {
        return new CpuBackend(DnnlKernels.load(2), new Parallel(2));
    }
}
