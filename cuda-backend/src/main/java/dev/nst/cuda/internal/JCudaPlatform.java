package dev.nst.cuda.internal;

import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.Precision;
import dev.nst.cuda.CudaCallException;
import dev.nst.cuda.CublasBinding;
import dev.nst.cuda.CudaPlatform;
import dev.nst.cuda.CudaVersions;
import dev.nst.cuda.DeviceDescription;
import dev.nst.cuda.GpuProperties;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import jcuda.CudaException;
import jcuda.jcublas.cublasStatus;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnHandle;
import jcuda.libraryPropertyType;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaDeviceProp;
import jcuda.runtime.cudaError;

/**
 * {@link CudaPlatform} through JCuda. Constructing it loads nothing; each method loads the bindings it needs, so a
 * missing library shows as a {@link LinkageError} of the step that needs it. Status codes are checked here, never
 * left to JCuda's exceptions, which are switched off.
 */
public final class JCudaPlatform implements CudaPlatform {

    @Override
    public int deviceCount() {
        int[] count = {0};
        runtime("cudaGetDeviceCount", () -> {
            JCuda.setExceptionsEnabled(false);
            return JCuda.cudaGetDeviceCount(count);
        });
        return count[0];
    }

    @Override
    public int driverVersion() {
        int[] version = {0};
        runtime("cudaDriverGetVersion", () -> JCuda.cudaDriverGetVersion(version));
        return version[0];
    }

    @Override
    public int runtimeVersion() {
        int[] version = {0};
        runtime("cudaRuntimeGetVersion", () -> JCuda.cudaRuntimeGetVersion(version));
        return version[0];
    }

    @Override
    public GpuProperties gpu(int device) {
        cudaDeviceProp properties = new cudaDeviceProp();
        runtime("cudaGetDeviceProperties", () -> JCuda.cudaGetDeviceProperties(properties, device));
        runtime("cudaSetDevice", () -> JCuda.cudaSetDevice(device));
        long[] free = {0};
        long[] total = {0};
        runtime("cudaMemGetInfo", () -> JCuda.cudaMemGetInfo(free, total));
        return new GpuProperties(properties.getName().trim(), properties.major, properties.minor, total[0], free[0]);
    }

    @Override
    public void load(Path library) {
        System.load(library.toAbsolutePath().toString());
    }

    @Override
    public String cublasVersion(int device, CublasBinding binding) {
        Cublas cublas = loaded("cuBLAS", () -> Cublas.of(binding));
        runtime("cudaSetDevice", () -> JCuda.cudaSetDevice(device));
        cublas("cublasCreate", cublas::create);
        try {
            return property(cublas, "MAJOR_VERSION", libraryPropertyType.MAJOR_VERSION) + "."
                    + property(cublas, "MINOR_VERSION", libraryPropertyType.MINOR_VERSION) + "."
                    + property(cublas, "PATCH_LEVEL", libraryPropertyType.PATCH_LEVEL);
        } finally {
            cublas("cublasDestroy", cublas::destroy);
        }
    }

    @Override
    public String cudnnVersion(int device) {
        initialise("JCudnn", () -> JCudnn.setExceptionsEnabled(false));
        long version = JCudnn.cudnnGetVersion();
        runtime("cudaSetDevice", () -> JCuda.cudaSetDevice(device));
        cudnnHandle handle = new cudnnHandle();
        cudnn("cudnnCreate", () -> JCudnn.cudnnCreate(handle));
        cudnn("cudnnDestroy", () -> JCudnn.cudnnDestroy(handle));
        return CudaVersions.cudnn(version);
    }

    @Override
    public ComputeBackend open(DeviceDescription device, Precision precision) {
        return new CudaBackend(CudaDevice.open(device, precision));
    }

    private static int property(Cublas cublas, String name, int type) {
        int[] value = {0};
        cublas("cublasGetProperty(" + name + ")", () -> cublas.property(type, value));
        return value[0];
    }

    private static void runtime(String call, IntSupplier status) {
        int code = guarded(call, status);
        if (code != cudaError.cudaSuccess) {
            throw new CudaCallException(call, cudaError.stringFor(code));
        }
    }

    private static void cublas(String call, IntSupplier status) {
        int code = guarded(call, status);
        if (code != cublasStatus.CUBLAS_STATUS_SUCCESS) {
            throw new CudaCallException(call, cublasStatus.stringFor(code));
        }
    }

    private static void cudnn(String call, IntSupplier status) {
        int code = guarded(call, status);
        if (code != 0) {
            throw new CudaCallException(call, JCudnn.cudnnGetErrorString(code));
        }
    }

    /** Loads a library's bindings (its class initialiser loads the JNI library, which loads the CUDA library). */
    private static void initialise(String bindings, Runnable step) {
        loaded(bindings, () -> {
            step.run();
            return null;
        });
    }

    /** Loads a library's bindings and returns what loading gave. */
    private static <T> T loaded(String bindings, Supplier<T> step) {
        try {
            return step.get();
        } catch (CudaException e) {
            throw new CudaCallException(bindings, String.valueOf(e.getMessage()));
        }
    }

    /** JCuda reports some failures (an unsupported platform, a null argument) as exceptions; they become ours. */
    private static int guarded(String call, IntSupplier step) {
        try {
            return step.getAsInt();
        } catch (CudaException e) {
            throw new CudaCallException(call, String.valueOf(e.getMessage()));
        }
    }
}
