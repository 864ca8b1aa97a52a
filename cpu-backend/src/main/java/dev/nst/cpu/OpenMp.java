package dev.nst.cpu;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Map;
import java.util.Optional;

/**
 * oneDNN parallelises with the OpenMP runtime bundled beside it; the JavaCPP preset does not expose
 * {@code omp_set_num_threads}, so it is called through JNA on the already-loaded library. OpenMP keeps the thread
 * count per calling thread, so {@link #use} is called on whichever thread is about to run oneDNN.
 */
final class OpenMp {

    private final Function setNumThreads;
    private final Function getMaxThreads;
    private final ThreadLocal<Integer> current = new ThreadLocal<>();

    private OpenMp(Function setNumThreads, Function getMaxThreads) {
        this.setNumThreads = setNumThreads;
        this.getMaxThreads = getMaxThreads;
    }

    /** The OpenMP runtime JavaCPP loaded for oneDNN, if it can be found and called. */
    static Optional<OpenMp> find(Map<String, String> loadedLibraries) {
        return loadedLibraries.values().stream()
                .filter(path -> path.contains("gomp") || path.contains("libomp") || path.contains("iomp"))
                .findFirst()
                .flatMap(path -> {
                    try {
                        NativeLibrary library = NativeLibrary.getInstance(path);
                        return Optional.of(new OpenMp(library.getFunction("omp_set_num_threads"),
                                library.getFunction("omp_get_max_threads")));
                    } catch (LinkageError | RuntimeException e) {
                        return Optional.empty();
                    }
                });
    }

    /** Makes the current thread's next parallel regions use {@code threads} threads. */
    void use(int threads) {
        Integer set = current.get();
        if (set == null || set != threads) {
            setNumThreads.invokeVoid(new Object[] {threads});
            current.set(threads);
        }
    }

    int maxThreads() {
        return getMaxThreads.invokeInt(new Object[0]);
    }
}
