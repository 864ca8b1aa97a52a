package dev.nst.core.port.out;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Setting;

/**
 * How a backend should run.
 *
 * @param threads   CPU threads to use; 0 means one per available processor (GPU backends ignore it)
 * @param precision the arithmetic of convolutions and matrix products (the CPU backend always computes in float32)
 */
public record BackendOptions(int threads, Precision precision) {

    public static final BackendOptions DEFAULT = new BackendOptions(0, Precision.FP32);

    public BackendOptions {
        if (threads < 0) {
            throw InvalidInputException.mustBe(Setting.THREADS, ">= 0", threads);
        }
        if (precision == null) {
            throw new InvalidInputException(Setting.PRECISION, "a precision is required: fp32 or tf32");
        }
    }

    /** Float32 arithmetic on {@code threads} CPU threads. */
    public BackendOptions(int threads) {
        this(threads, Precision.FP32);
    }

    /** The thread count in effect. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
