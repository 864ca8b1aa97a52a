package dev.nst.http.config;

import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.LoadWeightsPort;
import dev.nst.core.port.out.Precision;
import dev.nst.http.api.DecodeMemory;
import dev.nst.http.api.RequestLimits;
import dev.nst.http.engine.EngineSettings;
import dev.nst.http.job.JobSettings;
import dev.nst.http.security.ApiKey;
import dev.nst.http.security.ApiKeys;
import dev.nst.weights.WeightsRepository;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/** Maps the configuration properties (framework types, at the edge) to the plain settings the service runs on. */
@Factory
final class SettingsFactory {

    @Singleton
    EngineSettings engineSettings(NstProperties nst, JobProperties jobs) {
        return new EngineSettings(nst.backend(), new BackendOptions(nst.threads(), Precision.parse(nst.precision())),
                WeightsSpec.parse(nst.weights()), jobs.maxMemory() == null ? OptionalLong.empty()
                        : OptionalLong.of(jobs.maxMemory()));
    }

    /**
     * Weights are looked up (and, if missing, downloaded) as the CLI does, with {@code nst.home} (or {@code NST_HOME})
     * as nst's home and the mirror and proxy settings of the environment and JVM; what happens goes to the log.
     */
    @Singleton
    LoadWeightsPort weights(NstProperties nst) {
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.remove(WeightsRepository.HOME_VARIABLE);
        environment.putAll(homeVariable(nst));
        return WeightsRepository.fromEnvironment(environment, userHome(), System.getProperties(),
                new LoggingWeightsListener());
    }

    @Singleton
    JobSettings jobSettings(NstProperties nst, JobProperties jobs) {
        Path dataDir = jobs.dataDir() != null && !jobs.dataDir().isBlank() ? Path.of(jobs.dataDir().trim())
                : nstHome(nst).resolve("http");
        return new JobSettings(jobs.workers(), jobs.queueSize(), dataDir, jobs.resultTtl(), jobs.retryAfter(),
                jobs.previewInterval(), jobs.minFreeSpace());
    }

    /** The configured API keys, each checked: a malformed hash or limit stops start-up naming its setting. */
    @Singleton
    ApiKeys apiKeys(java.util.List<ApiKeyProperties> keys) {
        java.util.List<ApiKey> accepted = new java.util.ArrayList<>();
        for (ApiKeyProperties key : keys) {
            try {
                accepted.add(ApiKey.configured(key.name(), key.sha256(), key.maxJobs()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationRefusedException(e.getMessage());
            }
        }
        return new ApiKeys(accepted);
    }

    /** The heap that decoding uploads may take at once: {@code nst.limits.decode-memory}, or a share of the heap. */
    @Singleton
    DecodeMemory decodeMemory(LimitsProperties limits) {
        return limits.decodeMemory() != null ? new DecodeMemory(limits.decodeMemory())
                : DecodeMemory.ofHeap(Runtime.getRuntime().maxMemory());
    }

    @Singleton
    RequestLimits requestLimits(LimitsProperties limits) {
        return new RequestLimits(limits.maxUploadSize(), limits.maxPixels(), limits.maxSide(), limits.maxSize(),
                limits.maxIterations(), limits.maxStyles(), limits.concurrentDecodes());
    }

    /** {@code nst.home} if set, else {@code ~/.cache/nst}, as the weights repository resolves it. */
    private static Path nstHome(NstProperties nst) {
        return homeVariable(nst).isEmpty() ? userHome().resolve(".cache").resolve("nst")
                : Path.of(nst.home().trim());
    }

    private static Map<String, String> homeVariable(NstProperties nst) {
        return nst.home() == null || nst.home().isBlank() ? Map.of()
                : Map.of(WeightsRepository.HOME_VARIABLE, nst.home().trim());
    }

    private static Path userHome() {
        return Path.of(System.getProperty("user.home"));
    }
}
