package dev.nst.http.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.MultipartForm;
import dev.nst.http.TestImages;
import dev.nst.http.job.postgres.PostgresServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster, for real: one PostgreSQL, one API process and two worker processes on 127.0.0.1. Thirty
 * submissions from ten threads; a worker killed with -9 in the middle of a job; a cancel and an event stream through
 * the API node for jobs that run on the workers; then every node restarted; and at the end every job accounted for.
 */
class ClusterTest {

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    @TempDir
    Path folder;
    private final List<Node> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Stops what still runs and keeps every node's log in target/cluster-logs/ for whoever reads a failure. */
    @AfterEach
    void stopAll() throws Exception {
        for (Node node : nodes) {
            node.close();
        }
        Path kept = Path.of("target", "cluster-logs");
        Files.createDirectories(kept);
        try (var logs = Files.list(folder)) {
            for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private Node node(String name, String role, String database) throws Exception {
        Map<String, String> properties = new HashMap<>(Map.of("nst.http.store", "postgres", "nst.http.role", role,
                "datasources.default.url", database, "datasources.default.username", "postgres",
                "datasources.default.password", "", "nst.backend", "cpu", "nst.weights", "random",
                "nst.threads", "1", "nst.http.lease", "3s", "nst.http.poll", "100ms"));
        properties.put("nst.http.workers", "1");
        properties.put("nst.http.queue-size", "100");
        properties.put("nst.http.preview-interval", "200ms");
        properties.put("nst.http.data-dir", folder.resolve(name).toString());
        Node node = new Node(name, properties, folder).start();
        nodes.add(node);
        return node;
    }

    @Test
    void jobsSpreadOverTwoWorkersSurviveAKilledWorkerAndARestartOfEveryNode() throws Exception {
        String database = PostgresServer.get().newDatabase();
        Node api = node("api", "api", database);
        Node first = node("worker-1", "worker", database);
        Node second = node("worker-2", "worker", database);
        for (Node node : List.of(api, first, second)) {
            node.awaitUp(http);
        }
        assertThat(send(first, "GET", "/api/limits", null).statusCode()).isEqualTo(404);

        // thirty submissions from ten threads, all through the API node
        ExecutorService clients = Executors.newFixedThreadPool(10);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int iterations = 20 + i % 3 * 10;
            answers.add(clients.submit(() -> submit(api, iterations)));
        }
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            ids.add((String) json(response.body()).get("id"));
        }
        clients.shutdown();

        // the workers report themselves; kill -9 the first one while it runs a job
        Map<String, Object> health = awaitWorkersRunning(api, first.pid());
        assertThat((List<?>) health.get("workers")).hasSizeGreaterThanOrEqualTo(2);
        first.kill();

        // a long job, followed through the API node's event stream, then cancelled there
        String longJob = (String) json(submit(api, 2000).body()).get("id");
        HttpResponse<String> events = awaitRunningThenCancel(api, longJob);
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body().replace("event: ", "event:")).contains("event:status", "event:progress",
                "event:cancelled");

        // every node restarts (the killed worker included), while jobs are still waiting or running
        for (int i = 0; i < 10; i++) {
            ids.add((String) json(submit(api, 30).body()).get("id"));
        }
        api.stop();
        second.stop();
        String before = first.log() + second.log();
        nodes.clear();
        Node api2 = node("api-2", "api", database);
        Node worker3 = node("worker-3", "worker", database);
        Node worker4 = node("worker-4", "worker", database);
        for (Node node : List.of(api2, worker3, worker4)) {
            node.awaitUp(http);
        }

        Map<String, Integer> outcome = new HashMap<>();
        for (String id : ids) {
            Map<String, Object> job = awaitFinished(api2, id);
            outcome.merge((String) job.get("status"), 1, Integer::sum);
            assertThat(job.get("status")).as("%s: %s", id, job).isEqualTo("SUCCEEDED");
            assertThat(send(api2, "GET", "/api/transfers/" + id + "/result", null).statusCode()).isEqualTo(200);
        }
        assertThat(outcome).containsEntry("SUCCEEDED", 40);
        assertThat(json(send(api2, "GET", "/api/transfers/" + longJob, null).body()).get("status"))
                .isEqualTo("CANCELLED");
        Map<String, Object> jobs = asMap(json(send(api2, "GET", "/health", null).body()).get("jobs"));
        assertThat(jobs).containsEntry("queued", 0).containsEntry("running", 0);
        // the killed worker's job was taken from it once its lease ran out, and run again by another worker
        assertThat(before + worker3.log() + worker4.log()).contains("put back in the queue");
        assertThat(before + worker3.log() + worker4.log()).containsPattern("claimed by worker .* \\(attempt 2\\)");
    }

    private Map<String, Object> awaitWorkersRunning(Node api, long pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> health = json(send(api, "GET", "/health", null).body());
            List<?> workers = health.get("workers") instanceof List<?> list ? list : List.of();
            boolean busy = workers.stream().map(ClusterTest::asMap).anyMatch(w -> ((Number) w.get("running")).intValue() > 0
                    && String.valueOf(w.get("id")).contains("-" + pid + "-"));
            if (busy) {
                return health;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the first worker never ran a job");
    }

    private HttpResponse<String> awaitRunningThenCancel(Node api, String id) throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<HttpResponse<String>> stream = reader.submit(() -> http.send(HttpRequest.newBuilder(
                api.uri("/api/transfers/" + id + "/events")).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> job = json(send(api, "GET", "/api/transfers/" + id, null).body());
            if ("RUNNING".equals(job.get("status")) && ((Number) job.get("iteration")).intValue() > 2) {
                break;
            }
            Thread.sleep(100);
        }
        HttpResponse<String> cancelled = send(api, "DELETE", "/api/transfers/" + id, null);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isIn(200, 202);
        HttpResponse<String> events = stream.get();
        reader.shutdown();
        return events;
    }

    private Map<String, Object> awaitFinished(Node api, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        Map<String, Object> job = Map.of();
        while (System.nanoTime() < deadline) {
            job = json(send(api, "GET", "/api/transfers/" + id, null).body());
            if (FINISHED.contains(String.valueOf(job.get("status")))) {
                return job;
            }
            Thread.sleep(200);
        }
        return job;
    }

    private HttpResponse<String> submit(Node api, int iterations) throws Exception {
        byte[] body = new MultipartForm().file("content", "photo.png", TestImages.png(40, 32, 1))
                .file("style", "painting.png", TestImages.png(32, 32, 2)).text("size", "32")
                .text("iterations", Integer.toString(iterations)).bytes();
        return http.send(HttpRequest.newBuilder(api.uri("/api/transfers"))
                .header("Content-Type", MultipartForm.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(Node node, String method, String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(String text) throws java.io.IOException {
        return JSON.readValue(text, Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
