package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The memory plan holds: {@code nst bench}, in a JVM of its own, reports the peak resident memory it reached (VmHWM)
 * and the peak its plan predicted; they agree within 25%, on the whole image and on tiles. (The README's memory table
 * checks 256, 1024 and 3000 px with {@code bench/memory.sh}; this keeps the small sizes honest in every build.)
 */
class PlannedMemoryTest {

    private static final Pattern LINE = Pattern.compile("peak_rss_mib=(\\d+) .* tiles=(\\d+) .*planned_peak_mib=(\\d+)");

    @ParameterizedTest(name = "{0} px, tiles {1}")
    @CsvSource({"256, off", "320, 128"})
    void thePeakResidentMemoryIsWithinAQuarterOfThePlan(int size, String tiles) throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc to measure");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench",
                "--size", String.valueOf(size), "--iterations", "2", "--warmup", "0", "--backend", "cpu",
                "--tile-size", tiles));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        } finally {
            output = read(process);
        }
        assertThat(process.exitValue()).as(output).isZero();

        Matcher m = LINE.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        long measured = Long.parseLong(m.group(1));
        int tileCount = Integer.parseInt(m.group(2));
        long planned = Long.parseLong(m.group(3));
        assertThat(tileCount).isEqualTo(tiles.equals("off") ? 1 : 9);
        assertThat((double) measured / planned).as("measured %d MiB, planned %d MiB", measured, planned)
                .isBetween(0.75, 1.25);
    }

    private static String read(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
