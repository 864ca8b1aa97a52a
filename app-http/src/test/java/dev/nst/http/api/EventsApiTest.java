package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.Api;
import dev.nst.http.ServerTest;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.sse.SseClient;
import io.micronaut.http.sse.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;

/** {@code GET /api/transfers/{id}/events}: Server-Sent Events from the first state a subscriber sees to the final one. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsApiTest extends ServerTest {

    private static final Argument<Map<String, Object>> DATA = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    @Client("/")
    SseClient sse;

    private List<Event<Map<String, Object>>> events(String id) {
        return Flux.from(sse.eventStream(HttpRequest.GET("/api/transfers/" + id + "/events"), DATA))
                .collectList().block(Duration.ofSeconds(90));
    }

    @Test
    void aSubscriberSeesProgressWithLossesAndSpeedThenDone() {
        String id = (String) new Api(http).submit(Api.tinyTransfer(5)).get("id");

        List<Event<Map<String, Object>>> events = events(id);

        assertThat(events).isNotEmpty();
        assertThat(events.get(0).getName()).isIn("status", "progress", "done");
        Event<Map<String, Object>> last = events.get(events.size() - 1);
        assertThat(last.getName()).isEqualTo("done");
        assertThat(last.getData()).containsEntry("status", "SUCCEEDED").containsEntry("iteration", 5);
        assertThat(last.getData().get("links")).asString().contains("/api/transfers/" + id + "/result");
        List<Map<String, Object>> progress = events.stream().filter(e -> "progress".equals(e.getName()))
                .map(Event::getData).toList();
        assertThat(progress).isNotEmpty().allSatisfy(data -> {
            assertThat(data).containsKeys("iteration", "iterations", "loss", "content", "style", "tv", "itPerSecond");
            assertThat(data).containsEntry("iterations", 5).containsEntry("id", id);
            assertThat(data).containsEntry("stage", 1).containsEntry("stages", 1).containsKey("size");
        });
        assertThat(progress).extracting(data -> (Integer) data.get("iteration")).isSorted();
        assertThat(progress.get(progress.size() - 1)).containsEntry("iteration", 5);
        assertThat(events).filteredOn(e -> e.getName().equals("done")).hasSize(1);
    }

    @Test
    void aLateSubscriberGetsTheCurrentStateFirst() {
        String id = (String) new Api(http).submit(Api.tinyTransfer(2)).get("id");
        new Api(http).awaitFinished(id);

        List<Event<Map<String, Object>>> events = events(id);

        assertThat(events).hasSize(1);
        assertThat(events.get(0).getName()).isEqualTo("done");
        assertThat(events.get(0).getData()).containsEntry("status", "SUCCEEDED");
    }

    @Test
    void aCancelledTransferEndsWithACancelledEvent() {
        Api api = new Api(http);
        String id = (String) api.submit(Api.tinyTransfer(2000)).get("id");
        api.awaitStatus(id, "RUNNING");
        Flux<Event<Map<String, Object>>> stream = Flux.from(sse.eventStream(
                HttpRequest.GET("/api/transfers/" + id + "/events"), DATA)).cache();
        Event<Map<String, Object>> first = stream.blockFirst(Duration.ofSeconds(30));

        api.delete("/api/transfers/" + id);
        Event<Map<String, Object>> last = stream.blockLast(Duration.ofSeconds(30));

        assertThat(first.getName()).isIn("status", "progress");
        assertThat(last.getName()).isEqualTo("cancelled");
        assertThat(last.getData()).containsEntry("status", "CANCELLED");
        assertThat(last.getData().get("error")).asString().startsWith("cancelled at iteration");
    }
}
