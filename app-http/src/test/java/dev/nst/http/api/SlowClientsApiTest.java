package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.Api;
import dev.nst.http.ServerTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Clients that drip their requests are cut off (here after 2 s of headers, or a body slower than 1 KB/s after that),
 * while an event stream that has nothing to say for a while stays open.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsApiTest extends ServerTest {

    private static final long CUT_OFF_MILLIS = 2_000;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("nst.http.request-header-timeout", "2s", "nst.http.min-upload-rate", "1KB",
                "nst.http.workers", "1");
    }

    @Test
    void headersDrippedAByteAtATimeAreCutOff() throws Exception {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            boolean closed = drip(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
                    + "a".repeat(100) + "\r\n\r\n");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(closed).isTrue();
            assertThat(millis).isBetween(CUT_OFF_MILLIS - 100, CUT_OFF_MILLIS + 3_000);
        }
    }

    @Test
    void aBodyDrippedAByteAtATimeIsCutOff() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/transfers HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data;"
                    + " boundary=xyz\r\nContent-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            boolean closed = drip(socket, "--xyz\r\nContent-Disposition: form-data; name=\"size\"\r\n\r\n"
                    + "3".repeat(200));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(closed).isTrue();
            assertThat(millis).isBetween(CUT_OFF_MILLIS - 100, CUT_OFF_MILLIS + 3_000);
        }
    }

    @Test
    void aQuietEventStreamStaysOpen() throws Exception {
        Api api = new Api(http);
        String busy = (String) api.submit(Api.tinyTransfer(2000)).get("id");
        api.awaitStatus(busy, "RUNNING");
        String waiting = (String) api.submit(Api.tinyTransfer(1)).get("id");
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET /api/transfers/" + waiting + "/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(1_000);
            byte[] buffer = new byte[4096];
            assertThat(in.read(buffer)).isPositive(); // the answer's head and the job's QUEUED status
            socket.setSoTimeout((int) (2 * CUT_OFF_MILLIS + 1_000));
            boolean stillOpen;
            try {
                stillOpen = in.read(buffer) != -1;
            } catch (SocketTimeoutException quiet) {
                stillOpen = true;
            }
            assertThat(stillOpen).isTrue();
        } finally {
            api.delete("/api/transfers/" + waiting);
            api.delete("/api/transfers/" + busy);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.getPort());
        socket.setSoTimeout(200);
        return socket;
    }

    /** Sends {@code text} a byte every 250 ms; whether the server closed the connection before it was all sent. */
    private static boolean drip(Socket socket, String text) throws InterruptedException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (byte b : bytes) {
            try {
                socket.getOutputStream().write(b);
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() == -1) {
                    return true;
                }
            } catch (SocketTimeoutException nothingYet) {
                // the server is still waiting for the rest
            } catch (IOException reset) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
