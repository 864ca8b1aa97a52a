package dev.nst.cuda;

import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.Precision;
import dev.nst.core.service.TilingContractTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On the GPU, in float32, a stage run on tiles has the loss and gradient of the whole image. Skipped, with the reason,
 * without a GPU.
 */
@ExtendWith(RequiresGpu.class)
class CudaTilingContractTest extends TilingContractTest {

    @Override
    protected ComputeBackend createBackend() {
        return Gpu.backend(Precision.FP32);
    }
}
