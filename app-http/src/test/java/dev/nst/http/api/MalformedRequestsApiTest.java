package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nst.http.ServerTest;
import dev.nst.http.TestImages;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/** Requests broken in ways a framework trips over: answered 400, or logged as one line, never a 500 or a trace. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsApiTest extends ServerTest {

    @Inject
    EmbeddedServer server;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level rootLevel;
    private Level handlersLevel;

    /** Listens to everything logged at INFO and above, as the service's own logging configuration shows it. */
    @BeforeEach
    void listen() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger handlers = (Logger) LoggerFactory.getLogger(ErrorHandlers.class);
        rootLevel = root.getLevel();
        handlersLevel = handlers.getLevel();
        root.setLevel(Level.INFO);
        handlers.setLevel(Level.INFO);
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(log);
        root.setLevel(rootLevel);
        ((Logger) LoggerFactory.getLogger(ErrorHandlers.class)).setLevel(handlersLevel);
    }

    @Test
    void aPartWithoutANameIs400NamingTheProblem() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--b\r\nContent-Disposition: form-data; filename=\"photo.png\"\r\nContent-Type: image/png"
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(TestImages.png(40, 32, 1));
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));

        String answer = exchange(body.toByteArray(), body.size());

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).contains("a part of the form has no name");
        assertThat(log.list).noneMatch(event -> event.getThrowableProxy() != null);
    }

    @Test
    void anUploadCutShortIsOneLineInTheLog() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.getOutputStream().write(("POST /api/transfers HTTP/1.1\r\nHost: localhost\r\nContent-Type:"
                    + " multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\nContent-Disposition:"
                    + " form-data; name=\"content\"; filename=\"a.png\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[2000]);
            socket.getOutputStream().flush();
        }
        Thread.sleep(1500);

        List<ILoggingEvent> problems = log.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.INFO)).toList();
        assertThat(problems).as("%s", problems).allMatch(event -> event.getThrowableProxy() == null);
        assertThat(problems).as("%s", problems).hasSizeLessThanOrEqualTo(1);
    }

    private String exchange(byte[] body, int length) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/transfers HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
