package dev.nst.cpu;

import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.service.TilingContractTest;

/** On the pure-Java kernels, a stage run on tiles has the loss and gradient of the whole image. */
class JavaKernelsTilingContractTest extends TilingContractTest {

    @Override
    protected ComputeBackend createBackend() {
        Parallel parallel = new Parallel(2);
        return new CpuBackend(new JavaKernels(parallel, "under test"), parallel);
    }
}
