package dev.nst.http.job;

import io.micronaut.json.JsonMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of the job service share: a data folder, the played use case, and the job services a test opens,
 * closed after it with every played transfer let through.
 */
abstract class JobServiceTest {

    static final JsonMapper JSON = JsonMapper.createDefault();
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    final FakeTransfers transfers = new FakeTransfers();
    private final List<TransferJobs> opened = new ArrayList<>();

    /** {@code jobs}, closed after the test. */
    TransferJobs opened(TransferJobs jobs) {
        opened.add(jobs);
        return jobs;
    }

    @AfterEach
    void closeAll() {
        transfers.open();
        opened.forEach(TransferJobs::close);
    }

    /** The job once it has finished, or as it is after {@link #WAIT}. */
    static JobSnapshot awaitFinished(TransferJobs jobs, String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!jobs.get(id).status().finished() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return jobs.get(id);
    }
}
