package dev.nst.http.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How jobs run and are kept, under {@code nst.http.*}.
 *
 * @param workers         the most transfers run at the same time on a CPU backend, 0 for as many as the cores hold
 *                        (cores / nst.threads); fewer run where their memory plans do not fit together (a GPU
 *                        backend always runs one)
 * @param maxMemory       the memory the service's jobs may use together, on top of its own; empty for what the
 *                        machine has available when the service starts
 * @param queueSize       accepted jobs that may wait for a worker; beyond that a submission gets 503
 * @param dataDir         where job records and results are kept; empty for {@code <nst home>/http}
 * @param resultTtl       how long a finished job (and its result) is kept
 * @param retryAfter      what a refused submission is told to wait
 * @param previewInterval the least time between two preview images of a running job
 * @param minFreeSpace    space to leave free on the data folder's disk; a job whose result would cut into it gets 503
 */
@ConfigurationProperties("nst.http")
public record JobProperties(
        @Bindable(defaultValue = "0") int workers,
        @Bindable(defaultValue = "8") int queueSize,
        @Nullable String dataDir,
        @Bindable(defaultValue = "24h") Duration resultTtl,
        @Bindable(defaultValue = "30s") Duration retryAfter,
        @Bindable(defaultValue = "1s") Duration previewInterval,
        @Nullable @ReadableBytes Long maxMemory,
        @Bindable(defaultValue = "64MB") @ReadableBytes long minFreeSpace) {
}
