package dev.nst.http.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.Api;
import dev.nst.http.Api.Answer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs of the service on one data folder: results survive, a job the restart interrupted is FAILED with why. */
class RestartTest {

    @TempDir
    Path dataDir;

    private EmbeddedServer start() {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "nst.backend", "cpu", "nst.weights", "random", "nst.threads", "1",
                "nst.http.data-dir", dataDir.toString()));
    }

    /** After a crash (no shutdown to record anything), the next start records the job as FAILED before any request. */
    @Test
    void aJobACrashInterruptedIsRecordedAsFailedAtStartUp() throws Exception {
        Path jobs = Files.createDirectories(dataDir.resolve("jobs"));
        java.time.Instant created = java.time.Instant.parse("2026-01-01T10:00:00Z");
        new JobStore(jobs, io.micronaut.json.JsonMapper.createDefault()).save(new JobSnapshot("crashed-1",
                JobStatus.RUNNING, 40, 100, null, 3.0, null, created, created, null, "vgg19", null, null, null));

        try (EmbeddedServer server = start()) {
            String record = Files.readString(jobs.resolve("crashed-1.json"));
            assertThat(record).contains("\"status\":\"FAILED\"", "interrupted by a restart", "\"iteration\":40");
        }
    }

    @Test
    void resultsSurviveARestartAndInterruptedJobsAreFailedWithAReason() {
        String finished;
        String interrupted;
        byte[] result;
        try (EmbeddedServer server = start(); HttpClient http = HttpClient.create(server.getURL())) {
            Api api = new Api(http);
            finished = (String) api.submit(Api.tinyTransfer(2)).get("id");
            assertThat(api.awaitFinished(finished).get("status")).isEqualTo("SUCCEEDED");
            result = api.get("/api/transfers/" + finished + "/result").body();
            interrupted = (String) api.submit(Api.tinyTransfer(2000)).get("id");
            assertThat(api.awaitStatus(interrupted, "RUNNING").get("status")).isEqualTo("RUNNING");
        }

        try (EmbeddedServer server = start(); HttpClient http = HttpClient.create(server.getURL())) {
            Api api = new Api(http);
            Answer kept = api.get("/api/transfers/" + finished);
            assertThat(kept.get("status")).isEqualTo("SUCCEEDED");
            assertThat(api.get("/api/transfers/" + finished + "/result").body()).isEqualTo(result);

            Answer failed = api.get("/api/transfers/" + interrupted);
            assertThat(failed.get("status")).isEqualTo("FAILED");
            assertThat(failed.get("error")).asString().contains("interrupted by a restart");
            assertThat(api.get("/api/transfers/" + interrupted + "/result").status()).isEqualTo(409);
        }
    }
}
