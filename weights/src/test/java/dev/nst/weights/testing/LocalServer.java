package dev.nst.weights.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 serving files the way real servers and broken networks do: with or without
 * {@code Range} support, dropping the connection or stalling half-way, or not at all. Records the requests it gets.
 * Shared with the CLI's tests through this module's test-jar.
 */
public final class LocalServer implements AutoCloseable {

    /** How a file is served. */
    public enum Behaviour {
        /** 200 with the whole file, or 206 with the rest of it for {@code Range: bytes=N-}. */
        RANGES,
        /** Always 200 with the whole file, as servers without range support do. */
        NO_RANGES,
        /** Sends half of the file and closes the connection on the first request; behaves as RANGES afterwards. */
        DROP_HALF_ONCE,
        /** Sends half of the file and then nothing more for 5 s. */
        STALL_HALF,
        /** 404. */
        MISSING
    }

    /** One request as the server saw it. */
    public record Request(String method, String target, String range) {
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public LocalServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code bytes} at {@code /<name>} (and, through a proxy, at any host's {@code /<name>}). */
    public LocalServer serve(String name, byte[] bytes, Behaviour behaviour) {
        files.put(name, bytes);
        behaviours.put(name, behaviour);
        return this;
    }

    /** The base URL under which files are served, ending in a slash. */
    public String base() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public URI uri(String name) {
        return URI.create(base() + name);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** A URL on 127.0.0.1 where nothing listens: connections are refused at once. */
    public static String refusingBase() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        String target = exchange.getRequestURI().toString();
        requests.add(new Request(exchange.getRequestMethod(), target, range));
        String name = exchange.getRequestURI().getPath().substring(1);
        byte[] bytes = files.get(name);
        Behaviour behaviour = behaviours.getOrDefault(name, Behaviour.MISSING);
        try (exchange) {
            if (bytes == null || behaviour == Behaviour.MISSING) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            switch (behaviour) {
                case DROP_HALF_ONCE -> {
                    behaviours.put(name, Behaviour.RANGES);
                    sendHalf(exchange, bytes);
                    throw new IOException("dropping the connection on purpose");
                }
                case STALL_HALF -> {
                    sendHalf(exchange, bytes);
                    sleep(5000);
                }
                case NO_RANGES -> send(exchange, 200, bytes, 0);
                default -> {
                    Matcher matcher = range == null ? null : RANGE.matcher(range);
                    if (matcher != null && matcher.matches()) {
                        int from = Integer.parseInt(matcher.group(1));
                        if (from >= bytes.length) {
                            exchange.getResponseHeaders().set("Content-Range", "bytes */" + bytes.length);
                            exchange.sendResponseHeaders(416, -1);
                            return;
                        }
                        exchange.getResponseHeaders().set("Content-Range",
                                "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
                        send(exchange, 206, bytes, from);
                    } else {
                        send(exchange, 200, bytes, 0);
                    }
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes, int from) throws IOException {
        exchange.sendResponseHeaders(status, bytes.length - from);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes, from, bytes.length - from);
        }
    }

    private static void sendHalf(HttpExchange exchange, byte[] bytes) throws IOException {
        exchange.sendResponseHeaders(200, bytes.length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
