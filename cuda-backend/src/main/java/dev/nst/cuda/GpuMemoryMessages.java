package dev.nst.cuda;

import java.util.Locale;

/** What users read when the GPU runs out of memory: how much was needed, what is free, and what to do. */
public final class GpuMemoryMessages {

    private static final long MIB = 1L << 20;
    static final String ADVICE = "try a smaller --size (memory grows with the square of the size)";

    private GpuMemoryMessages() {
    }

    /** An allocation of {@code neededBytes} failed, or was known in advance not to fit. */
    public static String notEnough(long neededBytes, long freeBytes, long totalBytes, String gpu) {
        return String.format(Locale.ROOT, "not enough GPU memory: needed %d MiB more, %d MiB free of %d MiB on %s; %s",
                (neededBytes + MIB - 1) / MIB, freeBytes / MIB, totalBytes / MIB, gpu, ADVICE);
    }

    /**
     * Whether a library's name for an error means it ran out of device memory: {@code cudaErrorMemoryAllocation},
     * {@code CUDA_ERROR_OUT_OF_MEMORY}, {@code CUBLAS_STATUS_ALLOC_FAILED}, cuDNN 8's {@code CUDNN_STATUS_ALLOC_FAILED}
     * and cuDNN 9's {@code CUDNN_STATUS_INTERNAL_ERROR_DEVICE_ALLOCATION_FAILED}.
     */
    public static boolean isOutOfMemory(String errorName) {
        String name = errorName.toUpperCase(Locale.ROOT);
        return name.contains("ALLOC") && !name.contains("HOST_ALLOC") || name.contains("OUT_OF_MEMORY");
    }

    /** A library call ran out of memory without saying how much it wanted. */
    public static String notEnoughFor(String call, long freeBytes, long totalBytes, String gpu) {
        return String.format(Locale.ROOT, "not enough GPU memory for %s: %d MiB free of %d MiB on %s; %s",
                call, freeBytes / MIB, totalBytes / MIB, gpu, ADVICE);
    }
}
