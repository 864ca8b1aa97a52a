package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.MultipartForm;
import dev.nst.http.TestImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case, on a server of its own with a 1 GiB heap: three uploads at the pixel limit at once (8000 x 5000
 * PNGs) wait for each other's decoding instead of running out of heap; none gets a 500, and the server stays up.
 */
class HeapAdmissionApiTest {

    @TempDir
    Path dir;
    private Process server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void threeUploadsAtThePixelLimitAtOnceNeverRunOutOfHeap() throws Exception {
        int port = freePort();
        Path log = dir.resolve("server.log");
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "-Dmicronaut.server.port=" + port,
                "-Dnst.backend=cpu", "-Dnst.weights=random", "-Dnst.threads=1", "-Dnst.http.workers=1",
                "-Dnst.http.data-dir=" + dir.resolve("data"), "dev.nst.http.Application")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        awaitUp(http, port, log);

        byte[] body = new MultipartForm().file("content", "black.png", TestImages.zeroPng(8000, 5000))
                .file("style", "style.png", TestImages.png(64, 64, 2)).text("size", "64").text("iterations", "1")
                .bytes();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(clients.submit(() -> http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/transfers"))
                    .header("Content-Type", MultipartForm.contentType())
                    .timeout(Duration.ofMinutes(3))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString())));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            statuses.add(response.statusCode());
            assertThat(response.statusCode()).as("%s; the server log: %s", response.body(), Files.readString(log)).isIn(202, 503);
            if (response.statusCode() == 503) {
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            }
        }
        clients.shutdown();
        assertThat(statuses).contains(202);
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError", "Java heap space");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitUp(HttpClient http, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("the server stopped: %s", Files.readString(log)).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the server did not start: " + Files.readString(log));
    }
}
