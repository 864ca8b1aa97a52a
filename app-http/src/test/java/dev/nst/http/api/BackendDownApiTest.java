package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.nst.core.service.BackendRegistry;
import dev.nst.http.Api;
import dev.nst.http.Api.Answer;
import dev.nst.http.ServerTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A backend that cannot run here: the service still starts, says DOWN and why, and refuses transfers with 503. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendDownApiTest extends ServerTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("nst.backend", "cuda");
    }

    /** Where the CUDA backend can run, the service is up instead, and this test has nothing to show. */
    @BeforeEach
    void requireCudaUnavailable() {
        assumeFalse(BackendRegistry.discover().describe().stream()
                .anyMatch(status -> status.name().equals("cuda") && status.available()), "cuda can run here");
    }

    @Test
    void healthIsDownWithTheReason() {
        Answer health = new Api(http).get("/health");

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.get("status")).isEqualTo("DOWN");
        assertThat(health.get("backend")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("name", "cuda").containsEntry("status", "DOWN")
                .hasEntrySatisfying("detail", detail -> assertThat(detail).asString()
                        .startsWith("cuda backend unavailable: "));
    }

    @Test
    void transfersAreRefusedWith503() {
        Answer answer = new Api(http).submit(Api.tinyTransfer(1));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.get("error")).asString().contains("no compute backend can run");
        TransfersApiTest.assertNoInternals(answer);
    }
}
