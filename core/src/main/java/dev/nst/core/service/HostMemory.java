package dev.nst.core.service;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The host memory a transfer may plan with: what this process may still reach (what it holds now plus what the system
 * has available: Linux's {@code MemAvailable}, within a control group's limit where one is set), and the JVM's heap
 * limit. {@link #probe()} reads them when a plan is made, so they reflect what else runs on the machine at that moment;
 * a service that shares the machine between jobs gives its planner a fixed budget instead and admits jobs against it.
 *
 * @param reachableBytes what the process's resident memory may grow to
 * @param maxHeapBytes   the JVM's heap limit ({@code -Xmx})
 */
public record HostMemory(long reachableBytes, long maxHeapBytes) {

    /** Reads the memory of this machine and process now. */
    public static HostMemory probe() {
        long resident = statusField(Path.of("/proc/self/status"), "VmRSS:").orElse(0);
        long available = memAvailable().orElseGet(HostMemory::freePhysical);
        OptionalLong cgroupRoom = cgroupRoom();
        if (cgroupRoom.isPresent()) {
            available = Math.min(available, cgroupRoom.getAsLong());
        }
        return new HostMemory(resident + Math.max(0, available), Runtime.getRuntime().maxMemory());
    }

    /** The resident memory of this process now (Linux's VmRSS), 0 where the system does not say. */
    public static long residentBytes() {
        return statusField(Path.of("/proc/self/status"), "VmRSS:").orElse(0);
    }

    private static OptionalLong memAvailable() {
        return statusField(Path.of("/proc/meminfo"), "MemAvailable:");
    }

    /** A {@code Name:   1234 kB} line of a /proc file, in bytes. */
    private static OptionalLong statusField(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    long value = Long.parseLong(parts[0]);
                    return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value << 10 : value);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall back
        }
        return OptionalLong.empty();
    }

    /** Room left under the control group's memory limit (cgroup v2, else v1), if one is set. */
    private static OptionalLong cgroupRoom() {
        for (List<String> files : List.of(List.of("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
                List.of("/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"))) {
            try {
                String limit = Files.readString(Path.of(files.get(0))).trim();
                if (limit.equals("max")) {
                    return OptionalLong.empty();
                }
                long max = Long.parseLong(limit);
                if (max >= Long.MAX_VALUE / 2) {
                    return OptionalLong.empty();
                }
                long used = Long.parseLong(Files.readString(Path.of(files.get(1))).trim());
                // the page cache counts as used but is given back under pressure
                long reclaimable = statusField(Path.of(files.get(0)).resolveSibling("memory.stat"), "inactive_file")
                        .orElse(0);
                return OptionalLong.of(Math.max(0, max - used + reclaimable));
            } catch (IOException | RuntimeException e) {
                // try the next layout
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Without Linux's figures: three quarters of the physical memory (the JDK's management bean says how much there
     * is; its "free" figure leaves out the file cache, which other systems keep large), else the heap limit.
     */
    private static long freePhysical() {
        try {
            Class<?> extended = Class.forName("com.sun.management.OperatingSystemMXBean");
            Object bean = ManagementFactory.getOperatingSystemMXBean();
            if (extended.isInstance(bean)) {
                long total = (Long) extended.getMethod("getTotalMemorySize").invoke(bean);
                return total / 4 * 3;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // fall through
        }
        return Runtime.getRuntime().maxMemory();
    }
}
