package dev.nst.http.job.postgres;

import dev.nst.http.job.JobInput;
import java.util.List;

/**
 * A job a worker has claimed: it holds it until its lease runs out unless renewed.
 *
 * @param attempt which run of the job this is (1 for the first)
 */
public record Claim(String id, String owner, String weights, int attempt, List<JobInput> inputs) {
}
