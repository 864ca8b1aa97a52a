package dev.nst.cli;

import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.Precision;
import picocli.CommandLine.Option;

/** The options that choose and configure the compute backend, shared by every command that runs transfers. */
final class BackendChoice {

    @Option(names = "--backend", paramLabel = "auto|cpu|cuda",
            description = "Compute backend (default: -Dnst.backend, else $NST_BACKEND, else auto).")
    String backend;

    @Option(names = "--precision", defaultValue = "fp32", paramLabel = "fp32|tf32",
            converter = DomainConverters.PrecisionConverter.class,
            description = "Arithmetic of the cuda backend: fp32 (exact float32) or tf32 (tensor cores on Ampere and"
                    + " newer GPUs: faster convolutions, results differing by about 1e-3). The cpu backend ignores it"
                    + " and computes in float32 (default: ${DEFAULT-VALUE}).")
    Precision precision;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "CPU threads (default: ${DEFAULT-VALUE} = all cores).")
    int threads;

    /** @throws dev.nst.core.domain.InvalidInputException for a negative thread count */
    BackendOptions options() {
        return new BackendOptions(threads, precision);
    }
}
