package dev.nst.cli;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.nst.core.service.BackendRegistry;

/** What the CUDA backend says about the machine running the tests (found as the CLI finds it, never imported). */
final class CudaOnThisMachine {

    private CudaOnThisMachine() {
    }

    /** The reason the CUDA backend cannot run here; skips the calling test where it can. */
    static String assumeUnavailable() {
        BackendRegistry.BackendStatus cuda = BackendRegistry.discover().describe().stream()
                .filter(status -> status.name().equals("cuda")).findFirst().orElseThrow();
        assumeFalse(cuda.available(), "cuda can run here (" + cuda.detail() + ")");
        return cuda.detail();
    }
}
