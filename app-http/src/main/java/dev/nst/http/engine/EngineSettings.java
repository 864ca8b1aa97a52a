package dev.nst.http.engine;

import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.port.out.BackendOptions;
import java.util.Objects;

/**
 * Which backend to run on and which weights jobs use by default, as plain core values.
 *
 * @param backend        {@code auto} or a backend name
 * @param options        how the backend runs (CPU threads)
 * @param defaultWeights the weights of a request that names none
 */
public record EngineSettings(String backend, BackendOptions options, WeightsSpec defaultWeights) {

    public EngineSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(defaultWeights, "defaultWeights");
    }
}
