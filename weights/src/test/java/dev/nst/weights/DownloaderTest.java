package dev.nst.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.WeightsCorruptException;
import dev.nst.weights.testing.LocalServer;
import dev.nst.weights.testing.LocalServer.Behaviour;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a local server: complete, resumed, interrupted, stalled, wrong, missing and unreachable. */
class DownloaderTest {

    private static final byte[] FILE = randomBytes(300_000, 1);

    @TempDir
    Path temp;
    private LocalServer server;
    private Path target;
    private final Downloader downloader = new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofMillis(400));
    private final List<DownloadProgress> progress = new ArrayList<>();
    private final WeightsListener listener = new WeightsListener() {
        @Override
        public void onDownload(DownloadProgress p) {
            progress.add(p);
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = new LocalServer();
        target = temp.resolve("cache").resolve("weights.h5");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downloadsVerifiesAndMovesTheFileIntoPlaceReportingProgress() throws IOException {
        server.serve("weights.h5", FILE, Behaviour.RANGES);

        FileDigests digests = downloader.download(server.uri("weights.h5"), target, sha256(FILE), listener);

        assertThat(target).hasBinaryContent(FILE);
        assertThat(Downloader.partOf(target)).doesNotExist();
        assertThat(digests).isEqualTo(digestsOf(FILE));
        assertThat(progress).isNotEmpty();
        assertThat(progress).allSatisfy(p -> {
            assertThat(p.uri()).isEqualTo(server.uri("weights.h5"));
            assertThat(p.total()).hasValue(FILE.length);
            assertThat(p.resumedFrom()).isZero();
        });
        assertThat(progress).extracting(DownloadProgress::bytes).isSorted();
        DownloadProgress last = progress.get(progress.size() - 1);
        assertThat(last.done()).isTrue();
        assertThat(last.bytes()).isEqualTo(FILE.length);
        assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.range()).isNull());
    }

    @Test
    void aDroppedConnectionKeepsThePartialFileAndTheNextDownloadResumesItWithARangeRequest() throws IOException {
        server.serve("weights.h5", FILE, Behaviour.DROP_HALF_ONCE);
        Path part = Downloader.partOf(target);

        assertThatThrownBy(() -> downloader.download(server.uri("weights.h5"), target, sha256(FILE), listener))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageStartingWith("the connection broke after ");
        assertThat(target).doesNotExist();
        assertThat(part).exists();
        long kept = Files.size(part);
        assertThat(kept).isPositive().isLessThan(FILE.length);
        assertThat(Files.readAllBytes(part)).isEqualTo(Arrays.copyOf(FILE, (int) kept));

        progress.clear();
        downloader.download(server.uri("weights.h5"), target, sha256(FILE), listener);

        assertThat(target).hasBinaryContent(FILE);
        assertThat(part).doesNotExist();
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).range()).isEqualTo("bytes=" + kept + "-");
        assertThat(progress).allSatisfy(p -> assertThat(p.resumedFrom()).isEqualTo(kept));
    }

    @Test
    void aServerThatIgnoresTheRangeSendsTheWholeFileAgainAndThePartIsRewritten() throws IOException {
        server.serve("weights.h5", FILE, Behaviour.NO_RANGES);
        Path part = Downloader.partOf(target);
        Files.createDirectories(part.getParent());
        Files.write(part, Arrays.copyOf(FILE, 1000));

        downloader.download(server.uri("weights.h5"), target, sha256(FILE), listener);

        assertThat(target).hasBinaryContent(FILE);
        assertThat(server.requests().get(0).range()).isEqualTo("bytes=1000-");
    }

    @Test
    void aPartAsLongAsTheFileIsCheckedByStartingAgain() throws IOException {
        server.serve("weights.h5", FILE, Behaviour.RANGES);
        Path part = Downloader.partOf(target);
        Files.createDirectories(part.getParent());
        Files.write(part, randomBytes(FILE.length + 10, 9));

        downloader.download(server.uri("weights.h5"), target, sha256(FILE), listener);

        assertThat(target).hasBinaryContent(FILE);
        assertThat(server.requests()).extracting(LocalServer.Request::range)
                .containsExactly("bytes=" + (FILE.length + 10) + "-", null);
    }

    @Test
    void wrongBytesAreDeletedAndTheMessageNamesTheUrlAndBothChecksums() throws IOException {
        byte[] other = randomBytes(FILE.length, 2);
        server.serve("weights.h5", other, Behaviour.RANGES);
        URI uri = server.uri("weights.h5");
        Checksum published = new Checksum(Checksum.Algorithm.MD5, digestsOf(FILE).md5());

        assertThatThrownBy(() -> downloader.download(uri, target, published, listener))
                .isInstanceOf(WeightsCorruptException.class)
                .hasMessageStartingWith(uri + ": the downloaded file has md5 " + digestsOf(other).md5()
                        + " but the published file has md5:" + digestsOf(FILE).md5() + "; it was deleted.");
        assertThat(target).doesNotExist();
        assertThat(Downloader.partOf(target)).doesNotExist();
    }

    @Test
    void aChecksumPrefixIsEnough() throws IOException {
        server.serve("weights.h5", FILE, Behaviour.RANGES);

        downloader.download(server.uri("weights.h5"), target,
                new Checksum(Checksum.Algorithm.SHA256, digestsOf(FILE).sha256().substring(0, 8)), listener);

        assertThat(target).hasBinaryContent(FILE);
    }

    @Test
    void aStalledTransferIsGivenUpAfterTheIdleTimeoutKeepingWhatArrived() {
        server.serve("weights.h5", FILE, Behaviour.STALL_HALF);

        long start = System.nanoTime();
        assertThatThrownBy(() -> downloader.download(server.uri("weights.h5"), target, sha256(FILE), listener))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageStartingWith("no data arrived for 400 ms after ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(Downloader.partOf(target)).exists();
    }

    @Test
    void aSecondDownloadOfTheSameFileAtTheSameTimeIsRefusedAndLeavesTheFirstOneAlone() throws IOException {
        server.serve("weights.h5", FILE, Behaviour.RANGES);
        Path lock = target.resolveSibling(".weights.h5.lock");
        Files.createDirectories(target.getParent());
        try (FileChannel other = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = other.lock()) {
            assertThat(held.isValid()).isTrue();

            assertThatThrownBy(() -> downloader.download(server.uri("weights.h5"), target, sha256(FILE), listener))
                    .isInstanceOf(DownloadFailedException.class)
                    .hasMessage("another nst process is downloading weights.h5 into " + target.getParent()
                            + "; try again when it has finished");
            assertThat(lock).exists();
        }
        assertThat(server.requests()).isEmpty();

        downloader.download(server.uri("weights.h5"), target, sha256(FILE), listener);

        assertThat(target).hasBinaryContent(FILE);
        assertThat(lock).doesNotExist();
    }

    @Test
    void aMissingFileIsReportedWithTheStatus() {
        assertThatThrownBy(() -> downloader.download(server.uri("nothing.h5"), target, sha256(FILE), listener))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessage("the server answered HTTP 404");
        assertThat(Downloader.partOf(target)).doesNotExist();
        assertThat(target.resolveSibling(".weights.h5.lock")).doesNotExist();
    }

    @Test
    void anUnreachableServerIsReported() throws IOException {
        URI uri = URI.create(LocalServer.refusingBase() + "weights.h5");

        assertThatThrownBy(() -> downloader.download(uri, target, sha256(FILE), listener))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageStartingWith("cannot connect");
        assertThat(target).doesNotExist();
    }

    @Test
    void anUnknownHostIsReportedAsSuch() {
        URI uri = URI.create("http://weights.nst.invalid/weights.h5");

        assertThatThrownBy(() -> downloader.download(uri, target, sha256(FILE), listener))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessage("the host name cannot be resolved (offline, or no DNS?)");
    }

    @Test
    void theStandardJavaProxySettingsAreHonoured() throws IOException {
        // the local server plays the proxy: the host in the URL does not exist, only the proxy can answer
        server.serve("weights.h5", FILE, Behaviour.RANGES);
        String host = System.getProperty("http.proxyHost");
        String port = System.getProperty("http.proxyPort");
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", Integer.toString(server.port()));
        try {
            new Downloader().download(URI.create("http://weights.nst.invalid/weights.h5"), target, sha256(FILE),
                    listener);
        } finally {
            restore("http.proxyHost", host);
            restore("http.proxyPort", port);
        }

        assertThat(target).hasBinaryContent(FILE);
        assertThat(server.requests()).singleElement()
                .satisfies(r -> assertThat(r.target()).isEqualTo("http://weights.nst.invalid/weights.h5"));
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private static Checksum sha256(byte[] bytes) throws IOException {
        return new Checksum(Checksum.Algorithm.SHA256, digestsOf(bytes).sha256());
    }

    static FileDigests digestsOf(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("digest", ".bin");
        try {
            return FileDigests.of(Files.write(file, bytes));
        } finally {
            Files.delete(file);
        }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
