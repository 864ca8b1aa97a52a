package dev.nst.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The process's peak resident set size, from {@code VmHWM} in {@code /proc/self/status} (Linux only). */
final class PeakMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemory() {
    }

    static Optional<Long> residentMib() {
        if (!Files.isReadable(STATUS)) {
            return Optional.empty();
        }
        try {
            return parseVmHwmMib(Files.readAllLines(STATUS));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code VmHWM:   515000 kB} is 503 MiB (rounded). */
    static Optional<Long> parseVmHwmMib(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                try {
                    return Optional.of(Math.round(Long.parseLong(parts[0]) / 1024.0));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
