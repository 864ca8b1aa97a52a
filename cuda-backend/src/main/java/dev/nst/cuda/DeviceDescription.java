package dev.nst.cuda;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The GPU the backend runs on and the libraries it found: what {@code nst backends} prints.
 *
 * @param device         the CUDA device index (0: the first GPU {@code CUDA_VISIBLE_DEVICES} leaves visible)
 * @param driverVersion  the CUDA version the driver supports, as {@code cudaDriverGetVersion} encodes it
 * @param runtimeVersion the CUDA runtime JCuda was built with, likewise
 * @param cublas         how cuBLAS is called
 * @param libraryFolders where cuBLAS and cuDNN were loaded from (empty when the system's linker found them)
 */
public record DeviceDescription(int device, GpuProperties gpu, int driverVersion, int runtimeVersion,
                                String cublasVersion, CublasBinding cublas, String cudnnVersion,
                                List<Path> libraryFolders) {

    public DeviceDescription {
        libraryFolders = List.copyOf(libraryFolders);
    }

    public String summary() {
        String text = String.format(Locale.ROOT, "%s (compute capability %s, %s GiB, %s GiB free), driver for CUDA %s,"
                        + " CUDA runtime %s, cuBLAS %s%s, cuDNN %s",
                gpu.name(), gpu.computeCapability(), gib(gpu.totalBytes()), gib(gpu.freeBytes()),
                CudaVersions.cuda(driverVersion), CudaVersions.cuda(runtimeVersion), cublasVersion, cublas.describe(),
                cudnnVersion);
        if (!libraryFolders.isEmpty()) {
            text += " (from " + libraryFolders.stream().map(Path::toString).collect(Collectors.joining(", ")) + ")";
        }
        return text;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (double) (1L << 30));
    }
}
