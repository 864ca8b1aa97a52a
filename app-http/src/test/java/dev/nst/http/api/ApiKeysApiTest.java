package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.Api;
import dev.nst.http.Api.Answer;
import dev.nst.http.ServerTest;
import dev.nst.http.security.ApiKeys;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A service with API keys, through the real server: every /api call needs a configured key, jobs belong to the key
 * that made them, and a key's own limit on running and queued jobs holds.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeysApiTest extends ServerTest {

    static final String ALICE = "nst_alice-key-for-tests-only-0123456789";
    static final String BOB = "nst_bob-key-for-tests-only-9876543210";
    static final String CAROL = "nst_carol-key-for-tests-only-5555555555";

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "nst.http.keys.alice.sha256", ApiKeys.sha256Hex(ALICE),
                "nst.http.keys.bob.sha256", ApiKeys.sha256Hex(BOB).toUpperCase(),
                "nst.http.keys.carol.sha256", ApiKeys.sha256Hex(CAROL),
                "nst.http.keys.carol.max-jobs", "1",
                "nst.http.workers", "1");
    }

    @Test
    void everyApiCallWithoutAKeyIsRefusedWithAChallenge() {
        Api anonymous = new Api(http);
        for (Answer answer : new Answer[] {anonymous.get("/api/limits"), anonymous.submit(Api.tinyTransfer(1)),
                anonymous.get("/api/transfers/some-id"), anonymous.delete("/api/transfers/some-id"),
                anonymous.get("/api/no-such-route")}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).contains("Bearer realm=\"nst\"");
            assertThat(answer.get("error")).asString().startsWith("an API key is required");
        }
        Answer wrong = new Api(http).withKey("nst_not-a-key-of-this-server").get("/api/limits");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.get("error")).isEqualTo("the API key was not accepted");
    }

    @Test
    void thePageItsFilesAndHealthNeedNoKey() {
        Api anonymous = new Api(http);
        assertThat(anonymous.get("/").status()).isEqualTo(200);
        assertThat(anonymous.get("/app.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/style.css").status()).isEqualTo(200);
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/swagger/nst-http.yml").status()).isEqualTo(200);
    }

    @Test
    void aJobBelongsToTheKeyThatMadeItAndIsUnknownToAnother() {
        Api alice = new Api(http).withKey(ALICE);
        Api bob = new Api(http).withKey(BOB);
        assertThat(alice.get("/api/limits").status()).isEqualTo(200);

        String id = (String) alice.submit(Api.tinyTransfer(2)).get("id");
        assertThat(alice.awaitFinished(id).get("status")).isEqualTo("SUCCEEDED");

        String path = "/api/transfers/" + id;
        for (Answer answer : new Answer[] {bob.get(path), bob.get(path + "/result"), bob.get(path + "/preview"),
                bob.get(path + "/events"), bob.delete(path)}) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.text()).doesNotContain("alice");
        }
        assertThat(alice.get(path + "/result").status()).isEqualTo(200);
        assertThat(alice.get(path + "/preview").status()).isEqualTo(200);
        // the job is Alice's whatever she calls it from: her key is all that counts
        assertThat(alice.send(HttpRequest.GET(path).header("X-Forwarded-For", "10.0.0.9")).status()).isEqualTo(200);
    }

    @Test
    void aKeyWithALimitGets429WhileItHasThatManyJobs() {
        Api carol = new Api(http).withKey(CAROL);
        String first = (String) carol.submit(Api.tinyTransfer(400)).get("id");

        Answer second = carol.submit(Api.tinyTransfer(1));
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.header("Retry-After")).isPresent();
        assertThat(second.get("error")).asString().contains("already has 1 transfer(s) running or queued");
        // another key is not held back by Carol's limit
        Answer alices = new Api(http).withKey(ALICE).submit(Api.tinyTransfer(1));
        assertThat(alices.status()).isEqualTo(202);

        assertThat(carol.delete("/api/transfers/" + first).status()).isIn(200, 202);
        assertThat(carol.awaitFinished(first).get("status")).isEqualTo("CANCELLED");
        Answer third = carol.submit(Api.tinyTransfer(1));
        assertThat(third.status()).isEqualTo(202);
        carol.awaitFinished((String) third.get("id"));
    }
}
