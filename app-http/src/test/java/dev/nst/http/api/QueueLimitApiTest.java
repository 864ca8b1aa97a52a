package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.Api;
import dev.nst.http.Api.Answer;
import dev.nst.http.ServerTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * More submissions at once than one worker and a queue of two hold: each is either accepted or refused with 503
 * and {@code Retry-After}, and every accepted one is found and finishes. None is lost.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueLimitApiTest extends ServerTest {

    private static final int SUBMISSIONS = 12;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("nst.http.workers", "1", "nst.http.queue-size", "2", "nst.http.retry-after", "12s");
    }

    @Test
    void everySubmissionIsAcceptedOrRefusedAndNoneIsLost() throws Exception {
        Api api = new Api(http);
        List<Answer> answers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(SUBMISSIONS);
        try {
            List<Callable<Answer>> submissions = new ArrayList<>();
            for (int i = 0; i < SUBMISSIONS; i++) {
                submissions.add(() -> api.submit(Api.tinyTransfer(2000)));
            }
            for (Future<Answer> answer : clients.invokeAll(submissions, 120, TimeUnit.SECONDS)) {
                answers.add(answer.get());
            }
        } finally {
            clients.shutdownNow();
        }

        List<Answer> accepted = answers.stream().filter(a -> a.status() == 202).toList();
        List<Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
        assertThat(accepted.size() + refused.size()).as("every answer is 202 or 503").isEqualTo(SUBMISSIONS);
        assertThat(accepted.size()).as("one running and two waiting").isBetween(3, SUBMISSIONS - 1);
        assertThat(refused).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.header("Retry-After")).contains("12");
            assertThat(answer.get("error")).asString().contains("busy");
        });
        Answer health = api.get("/health");
        @SuppressWarnings("unchecked")
        Map<String, Object> jobs = (Map<String, Object>) health.get("jobs");
        assertThat((Integer) jobs.get("queued")).isLessThanOrEqualTo(2);
        assertThat((Integer) jobs.get("running")).isLessThanOrEqualTo(1);

        for (Answer answer : accepted) {
            String id = (String) answer.get("id");
            Answer cancelled = api.delete("/api/transfers/" + id);
            assertThat(cancelled.status()).as(cancelled.text()).isIn(200, 202, 409);
        }
        for (Answer answer : accepted) {
            assertThat(api.awaitFinished((String) answer.get("id")).get("status")).isIn("CANCELLED", "SUCCEEDED");
        }
    }
}
