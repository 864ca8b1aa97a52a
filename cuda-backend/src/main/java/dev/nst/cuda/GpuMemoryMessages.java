package dev.nst.cuda;

import dev.nst.core.domain.TransferFailedException;
import java.util.Locale;

/**
 * What users are told when the GPU runs out of memory: how much was needed and what is free, as an out-of-memory
 * {@link TransferFailedException} whose hint (ask for a smaller image) each application words for its users.
 */
public final class GpuMemoryMessages {

    private static final long MIB = 1L << 20;

    private GpuMemoryMessages() {
    }

    /** An allocation of {@code neededBytes} failed, or was known in advance not to fit. */
    public static TransferFailedException notEnough(long neededBytes, long freeBytes, long totalBytes, String gpu) {
        return TransferFailedException.outOfMemory(needed(neededBytes, freeBytes, totalBytes, gpu), null);
    }

    /**
     * As {@link #notEnough(long, long, long, String)}, saying what the memory was for, e.g. {@code the activations of
     * a 4000x3000 image need 9000 MiB}.
     */
    public static TransferFailedException notEnough(long neededBytes, long freeBytes, long totalBytes, String gpu,
                                                    String purpose) {
        return TransferFailedException.outOfMemory(needed(neededBytes, freeBytes, totalBytes, gpu) + " (" + purpose
                + ")", null);
    }

    /** A library call ran out of memory without saying how much it wanted. */
    public static TransferFailedException notEnoughFor(String call, long freeBytes, long totalBytes, String gpu) {
        return TransferFailedException.outOfMemory(String.format(Locale.ROOT,
                "not enough GPU memory for %s: %d MiB free of %d MiB on %s", call, freeBytes / MIB, totalBytes / MIB,
                gpu), null);
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

    private static String needed(long neededBytes, long freeBytes, long totalBytes, String gpu) {
        return String.format(Locale.ROOT, "not enough GPU memory: needed %d MiB more, %d MiB free of %d MiB on %s",
                (neededBytes + MIB - 1) / MIB, freeBytes / MIB, totalBytes / MIB, gpu);
    }
}
