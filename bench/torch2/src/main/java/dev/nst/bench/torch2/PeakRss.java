package dev.nst.bench.torch2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set size, {@code VmHWM} of {@code /proc/self/status}, in MiB (Linux only). */
final class PeakRss {

    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakRss() {
    }

    /** The peak in MiB, or {@code unknown} where the kernel does not say. */
    static String mib() {
        try {
            return Files.readAllLines(STATUS).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> line.substring("VmHWM:".length()).trim().split("\\s+")[0])
                    .map(kib -> String.valueOf(Math.round(Long.parseLong(kib) / 1024.0)))
                    .findFirst().orElse("unknown");
        } catch (IOException | NumberFormatException e) {
            return "unknown";
        }
    }
}
