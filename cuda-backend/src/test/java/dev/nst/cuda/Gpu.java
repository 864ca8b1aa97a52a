package dev.nst.cuda;

import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.BackendProvider;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.Precision;

/** The real provider, probed once per test JVM; GPU test classes use {@link RequiresGpu}. */
final class Gpu {

    static final CudaBackendProvider PROVIDER = new CudaBackendProvider();

    private Gpu() {
    }

    static BackendProvider.Availability availability() {
        return PROVIDER.availability();
    }

    static ComputeBackend backend(Precision precision) {
        return PROVIDER.create(new BackendOptions(0, precision));
    }
}
