package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.port.in.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    @TempDir
    Path dir;

    private static Progress progress(int iteration, LossBreakdown loss, long millis) {
        return Progress.ofOneStage(64, iteration, 10, loss, Duration.ofMillis(millis), () -> null);
    }

    @Test
    void writesOneJsonObjectPerLine() {
        assertThat(MetricsLog.json(progress(3, new LossBreakdown(1.5, 2e6, 1e-4), 1234)))
                .isEqualTo("{\"iteration\":3,\"loss\":2000001.5001,\"content\":1.5,\"style\":2000000.0,"
                        + "\"tv\":1.0E-4,\"elapsedMs\":1234}");
    }

    @Test
    void rowsOfATransferInStagesSayTheStageAndItsSize() {
        Progress staged = new Progress(2, 3, 1024, 7, 100, new LossBreakdown(1, 2, 3), Duration.ofMillis(40), () -> null);

        assertThat(MetricsLog.json(staged)).isEqualTo("{\"stage\":2,\"size\":1024,\"iteration\":7,\"loss\":6.0,"
                + "\"content\":1.0,\"style\":2.0,\"tv\":3.0,\"elapsedMs\":40}");
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertThat(MetricsLog.json(progress(0, new LossBreakdown(Double.NaN, Double.POSITIVE_INFINITY, 0), 0)))
                .isEqualTo("{\"iteration\":0,\"loss\":null,\"content\":null,\"style\":null,\"tv\":0.0,\"elapsedMs\":0}");
    }

    @Test
    void theFileAppearsOnlyWithTheFirstEventAndEachLineIsFlushed() throws IOException {
        Path file = dir.resolve("logs/metrics.jsonl");
        try (MetricsLog log = new MetricsLog(file)) {
            assertThat(file).doesNotExist();
            log.onProgress(progress(0, new LossBreakdown(1, 2, 3), 5));
            assertThat(Files.readAllLines(file)).hasSize(1);
            log.onProgress(progress(1, new LossBreakdown(1, 2, 3), 9));
            assertThat(Files.readAllLines(file)).hasSize(2);
        }
    }

    @Test
    void closingAnUnusedLogCreatesNothing() {
        Path file = dir.resolve("metrics.jsonl");
        new MetricsLog(file).close();

        assertThat(file).doesNotExist();
    }
}
