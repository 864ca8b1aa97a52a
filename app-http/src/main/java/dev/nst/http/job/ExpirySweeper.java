package dev.nst.http.job;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Removes expired jobs and their files every {@code nst.http.sweep-interval} (default 10 minutes). */
@Singleton
final class ExpirySweeper {

    private final JobBoard jobs;

    ExpirySweeper(JobBoard jobs) {
        this.jobs = jobs;
    }

    @Scheduled(initialDelay = "${nst.http.sweep-interval:10m}", fixedDelay = "${nst.http.sweep-interval:10m}")
    void sweep() {
        jobs.sweepExpired(Instant.now());
    }
}
