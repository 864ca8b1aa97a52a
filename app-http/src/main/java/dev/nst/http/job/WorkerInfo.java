package dev.nst.http.job;

import java.time.Instant;

/** A node that runs jobs, as it last reported itself. */
public record WorkerInfo(String id, String host, String backend, int slots, int running, Instant startedAt,
                         Instant lastSeen) {
}
