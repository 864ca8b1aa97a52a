package dev.nst.http.engine;

import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.port.out.BackendOptions;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which backend to run on and which weights jobs use by default, as plain core values.
 *
 * @param backend        {@code auto} or a backend name
 * @param options        how the backend runs (CPU threads)
 * @param defaultWeights the weights of a request that names none
 * @param maxMemory      the memory jobs may use together, on top of the service's own; empty for what the machine has
 *                       available when the service starts
 */
public record EngineSettings(String backend, BackendOptions options, WeightsSpec defaultWeights,
                             OptionalLong maxMemory) {

    /** Settings with the machine's memory as the jobs' budget. */
    public EngineSettings(String backend, BackendOptions options, WeightsSpec defaultWeights) {
        this(backend, options, defaultWeights, OptionalLong.empty());
    }

    public EngineSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(defaultWeights, "defaultWeights");
        Objects.requireNonNull(maxMemory, "maxMemory");
    }
}
