package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.weights.DownloadProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DownloadProgressPrinterTest {

    private static final URI URL = URI.create("http://127.0.0.1/vgg19.h5");
    private static final long TOTAL = 80_134_624;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void onATerminalOneLineShowsTheBarBytesPercentSpeedAndTimeLeft() {
        // 40 MB of 80 MB in 4 s after resuming from 20 MB: 5 MB/s, 40 MB left, 8 s
        DownloadProgress progress = new DownloadProgress(URL, 40_067_312, OptionalLong.of(TOTAL), 20_067_312,
                Duration.ofSeconds(4), false);

        assertThat(DownloadProgressPrinter.terminalLine(progress))
                .isEqualTo("[############------------]  50%  40.1/80.1 MB  5.0 MB/s  ETA 8.0s");
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAtMostTenTimesASecondAndEndedWhenDone() {
        DownloadProgressPrinter printer = new DownloadProgressPrinter(err, true);

        printer.onProgress(at(1_000_000, 10, false));
        printer.onProgress(at(2_000_000, 50, false));
        printer.onProgress(at(3_000_000, 120, false));
        printer.onProgress(at(TOTAL, 900, true));

        String written = bytes.toString(StandardCharsets.UTF_8);
        assertThat(written.chars().filter(c -> c == '\r')).hasSize(3);
        assertThat(written).doesNotContain("2.0/80.1").endsWith("done in 0.9s\n");
    }

    @Test
    void elsewhereAPlainLineAtEveryTenthAndAtTheEnd() {
        DownloadProgressPrinter printer = new DownloadProgressPrinter(err, false);

        for (long done = 65_536; done < TOTAL; done += 65_536) {
            printer.onProgress(at(done, 1000, false));
        }
        printer.onProgress(at(TOTAL, 2000, true));

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(11);
        assertThat(lines[0]).isEqualTo("downloading 0.1 of 80.1 MB (0%), 0.1 MB/s");
        assertThat(lines[5]).startsWith("downloading 40.1 of 80.1 MB (50%)");
        assertThat(lines[10]).isEqualTo("downloaded 80.1 of 80.1 MB (100%), 40.1 MB/s");
    }

    @Test
    void sizesReadAsPeopleReadThem() {
        assertThat(DownloadProgressPrinter.size(80_134_624)).isEqualTo("80.1 MB");
        assertThat(DownloadProgressPrinter.size(49_400)).isEqualTo("49 KB");
        assertThat(DownloadProgressPrinter.size(312)).isEqualTo("312 bytes");
    }

    private static DownloadProgress at(long bytes, long millis, boolean done) {
        return new DownloadProgress(URL, bytes, OptionalLong.of(TOTAL), 0, Duration.ofMillis(millis), done);
    }
}
