package dev.nst.cpu;

import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.service.TilingContractTest;

/** On oneDNN, a stage run on tiles has the loss and gradient of the whole image. */
class OneDnnTilingContractTest extends TilingContractTest {

    @Override
    protected ComputeBackend createBackend() {
        return new CpuBackend(DnnlKernels.load(2), new Parallel(2));
    }
}
