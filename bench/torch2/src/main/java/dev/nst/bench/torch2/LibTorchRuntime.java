package dev.nst.bench.torch2;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch, through DJL's PyTorch engine, on the CPU build bundled in this jar ({@code pytorch-native-cpu}): DJL
 * extracts it to its cache ({@code ~/.djl.ai/pytorch}, or {@code $DJL_CACHE_DIR}) on first use instead of
 * downloading one, and offline mode ({@code ai.djl.offline}) forbids any download. The intra-op threads are set with
 * {@code torch.set_num_threads} (which sets OpenMP's too) and checked.
 */
final class LibTorchRuntime {

    private static final String ENGINE = "PyTorch";

    private final Engine engine;

    private LibTorchRuntime(Engine engine) {
        this.engine = engine;
    }

    /**
     * Starts the engine with {@code threads} intra-op threads; a user's own {@code -Dai.djl.offline} or
     * {@code -DPYTORCH_FLAVOR} is kept.
     *
     * @throws IllegalStateException when libtorch runs on another number of threads than asked for
     */
    static LibTorchRuntime start(int threads) {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("PYTORCH_FLAVOR", "cpu");
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        Engine engine = Engine.getEngine(ENGINE);
        JniUtils.setNumThreads(threads); // the property above counts only where the engine starts
        int actual = JniUtils.getNumThreads();
        if (actual != threads) {
            throw new IllegalStateException("libtorch runs " + actual + " threads, " + threads + " were asked for");
        }
        return new LibTorchRuntime(engine);
    }

    /** A manager for the arrays of one run; closing it frees them. */
    NDManager newManager() {
        return engine.newBaseManager();
    }

    /** {@code libtorch 2.7.1 (DJL 0.36.0), 2 threads}. */
    String description() {
        return "libtorch " + releaseOf(engine.getVersion()) + " (DJL " + Engine.getDjlVersion() + "), "
                + JniUtils.getNumThreads() + " threads";
    }

    /** DJL reports its builds as {@code 2.7.1-20250812}: the release is the part before the build date. */
    private static String releaseOf(String version) {
        int dash = version.indexOf('-');
        return dash < 0 ? version : version.substring(0, dash);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
