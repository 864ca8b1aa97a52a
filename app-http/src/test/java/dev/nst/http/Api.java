package dev.nst.http;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The service as a client sees it, through the real HTTP client: every answer, 2xx or not, as status + body. */
public final class Api {

    public static final Duration PATIENCE = Duration.ofSeconds(90);

    private final HttpClient http;
    private final String key;
    private final JsonMapper json = JsonMapper.createDefault();

    public Api(HttpClient http) {
        this(http, null);
    }

    private Api(HttpClient http, String key) {
        this.http = http;
        this.key = key;
    }

    /** The same client, sending {@code key} as its API key ({@code Authorization: Bearer}) on every request. */
    public Api withKey(String key) {
        return new Api(http, key);
    }

    /** An answer: status, headers that matter, and the body (JSON as a map, else raw). */
    public record Answer(int status, Map<String, String> headers, byte[] body, Map<String, Object> json) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Object get(String key) {
            return json.get(key);
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    public Answer send(HttpRequest<?> request) {
        if (key != null && request instanceof io.micronaut.http.MutableHttpRequest<?> mutable) {
            mutable.bearerAuth(key);
        }
        HttpResponse<?> response;
        try {
            response = http.toBlocking().exchange(request, byte[].class);
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
        }
        byte[] body = response.getBody(byte[].class).orElse(new byte[0]);
        Map<String, String> headers = new java.util.HashMap<>();
        response.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
        Map<String, Object> parsed = Map.of();
        if (response.getContentType().map(t -> t.getSubtype().equals("json")).orElse(false) && body.length > 0) {
            try {
                parsed = json.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Answer(response.getStatus().getCode(), headers, body, parsed);
    }

    public Answer get(String path) {
        return send(HttpRequest.GET(path));
    }

    public Answer delete(String path) {
        return send(HttpRequest.DELETE(path));
    }

    public Answer submit(MultipartBody.Builder form) {
        return send(HttpRequest.POST("/api/transfers", form.build()).contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
    }

    /** Two tiny images and few iterations: a transfer that takes well under a second. */
    public static MultipartBody.Builder tinyTransfer(int iterations) {
        return images().addPart("size", "32").addPart("iterations", Integer.toString(iterations));
    }

    /** A tiny content and style image, and no other field. */
    public static MultipartBody.Builder images() {
        return MultipartBody.builder()
                .addPart("content", "photo.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(40, 32, 1))
                .addPart("style", "painting.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(32, 32, 2));
    }

    /** Polls the job until it has finished (or patience runs out) and returns its last state. */
    public Answer awaitFinished(String id) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Answer job = get("/api/transfers/" + id);
        while (!isFinished(job) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
            job = get("/api/transfers/" + id);
        }
        return job;
    }

    /** Polls the job until its status is {@code status} (or patience runs out). */
    public Answer awaitStatus(String id, String status) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Answer job = get("/api/transfers/" + id);
        while (!status.equals(job.get("status")) && !isFinished(job) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
            job = get("/api/transfers/" + id);
        }
        return job;
    }

    private static boolean isFinished(Answer job) {
        return java.util.Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(String.valueOf(job.get("status")));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
