package dev.nst.cuda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.port.out.Capability;
import org.junit.jupiter.api.Test;

/** What applications plan around, answered without touching the device. */
class CudaBackendTest {

    @Test
    void theCudaBackendRunsOneTransferAtATimeOnItsDevice() {
        assertThat(new CudaBackend(null).has(Capability.EXCLUSIVE_DEVICE)).isTrue();
    }
}
