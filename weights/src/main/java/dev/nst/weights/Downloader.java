package dev.nst.weights;

import dev.nst.core.domain.WeightsCorruptException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads a file over HTTP(S) with {@link HttpClient}, through the JVM's default {@link ProxySelector} (so the
 * standard {@code https.proxyHost}, {@code https.proxyPort}, {@code http.nonProxyHosts} ... properties apply).
 * Bytes go to {@code <target>.part}; an existing part is resumed with a {@code Range} request (a server that answers
 * 200 instead of 206 sends the whole file again). The complete part is checked against the expected checksum and
 * only then renamed to the target, atomically, so the target never holds a partial or unverified file. A lock file
 * beside the target keeps a second process from writing the same part at the same time.
 */
final class Downloader {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Duration idleTimeout;

    Downloader() {
        this(CONNECT_TIMEOUT, RESPONSE_TIMEOUT, IDLE_TIMEOUT);
    }

    /** @param idleTimeout how long the body may stall before the transfer is given up (the part is kept) */
    Downloader(Duration connectTimeout, Duration responseTimeout, Duration idleTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL);
        Optional.ofNullable(ProxySelector.getDefault()).ifPresent(builder::proxy);
        this.client = builder.build();
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.idleTimeout = idleTimeout;
    }

    /** Where the bytes of {@code target} collect until they are verified. */
    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * Fetches {@code uri} into {@code target}.
     *
     * @return the digests of the verified file
     * @throws DownloadFailedException when the transfer does not complete; what arrived stays in the part file
     * @throws WeightsCorruptException when the file is complete but its checksum is not {@code expected}; the part
     *                                 file is deleted
     */
    FileDigests download(URI uri, Path target, Checksum expected, WeightsListener listener)
            throws DownloadFailedException {
        Path part = partOf(target);
        Path lock = target.resolveSibling("." + target.getFileName() + ".lock");
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                if (!locked(channel)) {
                    throw new DownloadFailedException("another nst process is downloading " + target.getFileName()
                            + " into " + target.getParent() + "; try again when it has finished");
                }
                try {
                    return downloadLocked(uri, part, target, expected, listener);
                } finally {
                    // Deleted while still locked, so that no other process can lock this file and find it gone.
                    Files.deleteIfExists(lock);
                }
            }
        } catch (DownloadFailedException e) {
            throw e;
        } catch (IOException e) {
            throw new DownloadFailedException("cannot write " + part + " (" + e.getMessage() + ")", e);
        }
    }

    /** Whether this process now holds the lock (it is released when the channel closes). */
    private static boolean locked(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    private FileDigests downloadLocked(URI uri, Path part, Path target, Checksum expected, WeightsListener listener)
            throws IOException {
        transfer(uri, part, listener, true);
        FileDigests digests = FileDigests.of(part);
        if (!expected.matches(digests)) {
            Files.deleteIfExists(part);
            throw new WeightsCorruptException(uri + ": the downloaded file has " + expected.algorithm().id() + " "
                    + digests.of(expected.algorithm()) + " but the published file has " + expected
                    + "; it was deleted. The server or a proxy sent other bytes; try again later or another mirror");
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return digests;
    }

    private void transfer(URI uri, Path part, WeightsListener listener, boolean mayRestart) throws IOException {
        long existing = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(responseTimeout).GET()
                .header("User-Agent", "nst");
        if (existing > 0) {
            request.header("Range", "bytes=" + existing + "-");
        }
        HttpResponse<InputStream> response = send(request.build());
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 416 && existing > 0 && mayRestart) {
                // The part is as long as the file or longer: it cannot be resumed, so start again.
                Files.delete(part);
            } else if (status == 206 && existing > 0) {
                OptionalLong total = resumedTotal(response, existing);
                receive(uri, body, part, true, existing, total, listener);
                return;
            } else if (status == 200) {
                OptionalLong length = response.headers().firstValueAsLong("Content-Length");
                receive(uri, body, part, false, 0, length, listener);
                return;
            } else {
                throw new DownloadFailedException("the server answered HTTP " + status);
            }
        }
        transfer(uri, part, listener, false);
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws DownloadFailedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new DownloadFailedException("no connection within " + format(connectTimeout), e);
        } catch (HttpTimeoutException e) {
            throw new DownloadFailedException("no answer within " + format(responseTimeout), e);
        } catch (ConnectException e) {
            throw new DownloadFailedException(connectProblem(e), e);
        } catch (IOException e) {
            throw new DownloadFailedException(describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadFailedException("interrupted", e);
        }
    }

    /** Why a connection failed, from the first cause that says: an unknown host, or the system's message. */
    private static String connectProblem(ConnectException e) {
        String message = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException) {
                return "the host name cannot be resolved (offline, or no DNS?)";
            }
            message = message == null ? cause.getMessage() : message;
        }
        return "cannot connect" + (message == null ? "" : " (" + message + ")");
    }

    /** The file's size from {@code Content-Range: bytes <existing>-<last>/<total>}, which must start where we are. */
    private static OptionalLong resumedTotal(HttpResponse<?> response, long existing) throws DownloadFailedException {
        String range = response.headers().firstValue("Content-Range").orElse("");
        Matcher matcher = CONTENT_RANGE.matcher(range);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) != existing) {
            throw new DownloadFailedException("the server resumed with Content-Range '" + range + "', expected bytes "
                    + existing + "-");
        }
        return matcher.group(3).equals("*") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(matcher.group(3)));
    }

    private void receive(URI uri, InputStream body, Path part, boolean append, long start, OptionalLong total,
                         WeightsListener listener) throws IOException {
        long begin = System.nanoTime();
        AtomicLong lastArrival = new AtomicLong(begin);
        AtomicBoolean stalled = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "nst-download-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long check = Math.max(10, Math.min(1000, idleTimeout.toMillis() / 4));
        watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastArrival.get() > idleTimeout.toNanos() && stalled.compareAndSet(false, true)) {
                closeQuietly(body);
            }
        }, check, check, TimeUnit.MILLISECONDS);
        long bytes = start;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                bytes += n;
                lastArrival.set(System.nanoTime());
                listener.onDownload(new DownloadProgress(uri, bytes, total, start, since(begin), false));
            }
        } catch (IOException e) {
            if (!stalled.get()) {
                throw new DownloadFailedException("the connection broke after " + bytes + of(total) + " bytes ("
                        + describe(e) + ")", e);
            }
        } finally {
            watchdog.shutdownNow();
        }
        if (stalled.get()) {
            throw new DownloadFailedException("no data arrived for " + format(idleTimeout) + " after " + bytes
                    + of(total) + " bytes");
        }
        if (total.isPresent() && bytes != total.getAsLong()) {
            throw new DownloadFailedException("the connection closed after " + bytes + of(total) + " bytes");
        }
        listener.onDownload(new DownloadProgress(uri, bytes, OptionalLong.of(bytes), start, since(begin), true));
    }

    private static Duration since(long begin) {
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String of(OptionalLong total) {
        return total.isPresent() ? " of " + total.getAsLong() : "";
    }

    private static String describe(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the transfer fails with its own message
        }
    }
}
