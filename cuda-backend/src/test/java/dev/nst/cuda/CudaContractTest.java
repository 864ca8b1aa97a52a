package dev.nst.cuda;

import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.Precision;
import dev.nst.core.testing.BackendContractTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CUDA backend meets the backend contract (forward and backward against the reference kernels, finite
 * differences of every loss, vector arithmetic, Adam) on a real GPU, in float32. Skipped, with the reason, without
 * one.
 */
@ExtendWith(RequiresGpu.class)
class CudaContractTest extends BackendContractTest {


    @Override
    protected ComputeBackend createBackend() {
        return Gpu.backend(Precision.FP32);
    }
}
