package dev.nst.cpu;

import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.BackendProvider;
import dev.nst.core.port.out.ComputeBackend;
import java.util.Locale;

/**
 * The CPU backend. It runs on oneDNN when the bundled native build matches this platform and falls back to
 * pure-Java kernels otherwise, so it is always available. {@code NST_CPU_KERNELS} (or the system property
 * {@code nst.cpu.kernels}) set to {@code java} or {@code onednn} forces one.
 */
public final class CpuBackendProvider implements BackendProvider {

    static final String NAME = "cpu";
    static final String KERNELS_PROPERTY = "nst.cpu.kernels";
    static final String KERNELS_VARIABLE = "NST_CPU_KERNELS";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability availability() {
        String forced = forcedKernels();
        if ("java".equals(forced)) {
            return Availability.available("pure-Java kernels (" + KERNELS_VARIABLE + "=java)");
        }
        return DnnlKernels.bundledFor().map(platform -> Availability.available("oneDNN kernels (" + platform + ")"))
                .orElseGet(() -> Availability.available("pure-Java kernels (no oneDNN build bundled for "
                        + DnnlKernels.platform() + ")"));
    }

    @Override
    public ComputeBackend create(BackendOptions options) {
        int threads = options.effectiveThreads();
        Parallel parallel = new Parallel(threads);
        return new CpuBackend(kernels(threads, parallel), parallel);
    }

    private static CpuKernels kernels(int threads, Parallel parallel) {
        String forced = forcedKernels();
        if ("java".equals(forced)) {
            return new JavaKernels(parallel, KERNELS_VARIABLE + "=java");
        }
        try {
            return DnnlKernels.load(threads);
        } catch (LinkageError | RuntimeException e) {
            if ("onednn".equals(forced)) {
                throw new dev.nst.core.domain.BackendUnavailableException(
                        "oneDNN kernels requested by " + KERNELS_VARIABLE + " cannot load: " + e.getMessage(), e);
            }
            return new JavaKernels(parallel, "oneDNN could not load: " + firstLine(e));
        }
    }

    private static String forcedKernels() {
        String value = System.getProperty(KERNELS_PROPERTY, System.getenv(KERNELS_VARIABLE));
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
