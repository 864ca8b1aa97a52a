package dev.nst.cuda;

import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.Precision;
import java.nio.file.Path;

/**
 * The native calls the CUDA backend needs from outside {@code dev.nst.cuda.internal}: the probe's questions and the
 * creation of the backend. Every method may throw {@link LinkageError} when a native library cannot be loaded and
 * {@link CudaCallException} when a call returns an error.
 */
public interface CudaPlatform {

    /** {@code cudaGetDeviceCount}; loads JCuda's runtime bindings (the CUDA runtime is linked into them). */
    int deviceCount();

    /** {@code cudaDriverGetVersion}: the newest CUDA version the driver supports, {@code 0} without a driver. */
    int driverVersion();

    /** {@code cudaRuntimeGetVersion}: the CUDA runtime JCuda was built with. */
    int runtimeVersion();

    GpuProperties gpu(int device);

    /** Loads a native library by absolute path ({@link System#load}). */
    void load(Path library);

    /**
     * Loads cuBLAS the way {@code binding} says, creates and destroys a handle on {@code device}, and returns cuBLAS's
     * version.
     */
    String cublasVersion(int device, CublasBinding binding);

    /** Loads the cuDNN bindings, creates and destroys a handle on {@code device}, and returns cuDNN's version. */
    String cudnnVersion(int device);

    /** Starts the backend on a device the probe found usable. */
    ComputeBackend open(DeviceDescription device, Precision precision);
}
