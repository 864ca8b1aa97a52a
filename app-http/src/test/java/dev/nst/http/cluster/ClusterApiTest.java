package dev.nst.http.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.Api;
import dev.nst.http.Api.Answer;
import dev.nst.http.ServerTest;
import dev.nst.http.job.postgres.PostgresServer;
import dev.nst.http.security.ApiKeys;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API on a job database, through the real server (API and worker in one node) and a real PostgreSQL: keys own
 * their jobs there too, a key's limit counts the database's jobs, previews and results come from the database, the
 * node reports itself as a worker, and finished jobs expire.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterApiTest extends ServerTest {

    private static final String ALICE = "nst_cluster-alice-key-for-tests-0000000001";
    private static final String BOB = "nst_cluster-bob-key-for-tests-00000000002";

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("nst.http.store", "postgres");
        properties.put("datasources.default.url", PostgresServer.get().newDatabase());
        properties.put("datasources.default.username", "postgres");
        properties.put("datasources.default.password", "");
        properties.put("nst.http.keys.alice.sha256", ApiKeys.sha256Hex(ALICE));
        properties.put("nst.http.keys.alice.max-jobs", "2");
        properties.put("nst.http.keys.bob.sha256", ApiKeys.sha256Hex(BOB));
        properties.put("nst.http.workers", "1");
        properties.put("nst.http.poll", "50ms");
        properties.put("nst.http.result-ttl", "3s");
        properties.put("nst.http.sweep-interval", "1s");
        return properties;
    }

    @Test
    void keysOwnTheirJobsInTheDatabaseAndTheirLimitCountsThere() throws Exception {
        Api alice = new Api(http).withKey(ALICE);
        Api bob = new Api(http).withKey(BOB);

        String running = (String) alice.submit(Api.tinyTransfer(2000)).get("id");
        String waiting = (String) alice.submit(Api.tinyTransfer(5)).get("id");
        Answer third = alice.submit(Api.tinyTransfer(5));
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("Retry-After")).isPresent();
        assertThat(bob.submit(Api.tinyTransfer(1)).status()).isEqualTo(202);

        assertThat(alice.awaitStatus(running, "RUNNING").get("status")).isEqualTo("RUNNING");
        String path = "/api/transfers/" + running;
        for (Answer answer : List.of(bob.get(path), bob.get(path + "/preview"), bob.get(path + "/result"),
                bob.get(path + "/events"), bob.delete(path))) {
            assertThat(answer.status()).isEqualTo(404);
        }
        Answer preview = awaitPreview(alice, path);
        assertThat(preview.header("Content-Type")).contains("image/png");
        assertThat(preview.header("X-Iteration")).isPresent();

        Answer cancelled = alice.delete(path);
        assertThat(cancelled.status()).isIn(200, 202);
        assertThat(alice.awaitFinished(running).get("status")).isEqualTo("CANCELLED");
        assertThat(alice.awaitFinished(waiting).get("status")).isEqualTo("SUCCEEDED");
        assertThat(alice.get("/api/transfers/" + waiting + "/result").header("Content-Type"))
                .contains("image/png");
        assertThat(alice.delete("/api/transfers/" + waiting).status()).isEqualTo(409);
    }

    @Test
    void healthListsThisNodeAsAWorker() {
        Map<String, Object> health = new Api(http).get("/health").json();
        assertThat(health.get("workers")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .singleElement().satisfies(worker -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> node = (Map<String, Object>) worker;
                    assertThat(node).containsEntry("slots", 1)
                            .containsKeys("id", "host", "backend", "running", "lastSeen");
                });
    }

    @Test
    void finishedJobsExpireFromTheDatabase() throws Exception {
        Api alice = new Api(http).withKey(ALICE);
        String id = (String) alice.submit(Api.tinyTransfer(1)).get("id");
        assertThat(alice.awaitFinished(id).get("status")).isEqualTo("SUCCEEDED");

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = alice.get("/api/transfers/" + id).status();
        }
        assertThat(status).isEqualTo(404);
    }

    private static Answer awaitPreview(Api api, String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Answer preview = api.get(path + "/preview");
        while (preview.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            preview = api.get(path + "/preview");
        }
        return preview;
    }
}
