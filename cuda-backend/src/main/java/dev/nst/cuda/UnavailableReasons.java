package dev.nst.cuda;

import java.util.stream.Collectors;

/** The one-line reasons {@code nst backends} gives when the CUDA backend cannot run, each saying what to do. */
final class UnavailableReasons {

    static final String CUBLAS_INSTALL = "install the cuBLAS of CUDA 12 or 13, e.g. pip install nvidia-cublas-cu12"
            + " (CUDA 12) or nvidia-cublas (CUDA 13), or point " + SearchPath.LIBRARY_PATH_VARIABLE
            + " at its lib folder";
    static final String CUDNN_INSTALL = "install cuDNN 9 for your CUDA, e.g. pip install nvidia-cudnn-cu12 or"
            + " nvidia-cudnn-cu13, or point " + SearchPath.LIBRARY_PATH_VARIABLE + " at its lib folder";

    private UnavailableReasons() {
    }

    /** JCuda's own JNI library does not load: an unsupported platform or C library. */
    static String bindings(String detail) {
        return "JCuda cannot load on " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ": "
                + detail;
    }

    /** {@code cudaGetDeviceCount} failed; {@code driverVersion} is 0 when there is no driver at all. */
    static String deviceCount(CudaCallException failure, int driverVersion) {
        if (failure.error().equals("cudaErrorInsufficientDriver")) {
            return driverVersion <= 0
                    ? "no NVIDIA driver (" + failure.getMessage() + ")"
                    : "the NVIDIA driver supports CUDA " + CudaVersions.cuda(driverVersion) + " only; nst needs a"
                    + " driver for CUDA 12 or newer (" + failure.getMessage() + ")";
        }
        if (failure.error().equals("cudaErrorNoDevice")) {
            return "no CUDA GPU found (" + failure.getMessage() + ")";
        }
        return "the CUDA runtime cannot start (" + failure.getMessage() + ")";
    }

    static String noDevice() {
        return "no CUDA GPU found (cudaGetDeviceCount: 0 devices)";
    }

    static String unsupported(GpuProperties gpu) {
        return gpu.name() + " has compute capability " + gpu.computeCapability() + "; nst needs "
                + GpuProperties.MINIMUM_MAJOR + "." + GpuProperties.MINIMUM_MINOR + " or newer";
    }

    static String cublasMissing(LibraryNames names, LocatedLibraries found) {
        String reason = LibraryNames.CUBLAS_MAJORS.stream().map(names::cublas)
                .collect(Collectors.joining(" or ")) + " not found (" + CUBLAS_INSTALL + ")";
        return found.otherCublas()
                .map(other -> reason + "; found only " + other + ", which is too old")
                .orElse(reason);
    }

    static String cudnnMissing(LibraryNames names, LocatedLibraries found) {
        String reason = names.cudnn(LibraryNames.CUDNN_MAJOR) + " not found (" + CUDNN_INSTALL + ")";
        return found.otherCudnn()
                .map(other -> reason + "; found only " + other + ", but nst needs cuDNN " + LibraryNames.CUDNN_MAJOR)
                .orElse(reason);
    }

    static String cannotLoad(LibraryPreloader.LoadFailure failure) {
        return "cannot load " + failure.getMessage();
    }

    static String cannotStart(String library, String detail) {
        return library + " cannot start: " + detail;
    }
}
