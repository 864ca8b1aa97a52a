package dev.nst.http.job;

import dev.nst.core.domain.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How jobs run and are kept.
 *
 * @param workers         the most jobs running at the same time, 0 for as many as the cores hold (on a GPU backend
 *                        always 1); fewer run where their memory plans do not fit together
 * @param queueSize       accepted jobs that may wait for a worker
 * @param dataDir         folder of the job records and results
 * @param resultTtl       how long a finished job is kept
 * @param retryAfter      what a refused submission is told to wait
 * @param previewInterval least time between two previews of a running job
 * @param minFreeSpace    bytes to leave free on the data folder's disk: a job whose result would cut into them is
 *                        refused with 503
 */
public record JobSettings(int workers, int queueSize, Path dataDir, Duration resultTtl, Duration retryAfter,
                          Duration previewInterval, long minFreeSpace) {

    /** Settings that leave no space free beyond the results. */
    public JobSettings(int workers, int queueSize, Path dataDir, Duration resultTtl, Duration retryAfter,
                       Duration previewInterval) {
        this(workers, queueSize, dataDir, resultTtl, retryAfter, previewInterval, 0);
    }

    public JobSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        if (workers < 0) {
            throw new InvalidInputException("nst.http.workers must be 0 (as many as the cores hold) or more, got "
                    + workers);
        }
        if (queueSize < 0) {
            throw new InvalidInputException("nst.http.queue-size must be >= 0, got " + queueSize);
        }
        if (minFreeSpace < 0) {
            throw new InvalidInputException("nst.http.min-free-space must be 0 or more, got " + minFreeSpace);
        }
        if (resultTtl.isNegative() || resultTtl.isZero()) {
            throw new InvalidInputException("nst.http.result-ttl must be positive, got " + resultTtl);
        }
    }
}
