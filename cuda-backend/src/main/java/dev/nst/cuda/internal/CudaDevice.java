package dev.nst.cuda.internal;

import dev.nst.core.backend.Resources;
import dev.nst.core.port.out.Precision;
import dev.nst.cuda.DeviceDescription;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnHandle;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaStream_t;

/**
 * One GPU as the backend uses it: the CUDA stream every operation is queued on (so they run in order without host
 * synchronisation), the cuBLAS and cuDNN handles bound to that stream with the precision's math modes, the PTX
 * kernels, and the convolution algorithms chosen so far. Operations may come from different threads (the HTTP
 * service's workers), one at a time; {@link #bind()} makes the device current on the calling thread.
 */
final class CudaDevice implements AutoCloseable {

    final DeviceDescription description;
    final Precision precision;
    final MathModes math;
    final Status status;
    final cudaStream_t stream;
    final Cublas cublas;
    final cudnnHandle cudnn;
    final Kernels kernels;
    final AlgorithmCache algorithms = new AlgorithmCache();
    private final CUdevice driverDevice;
    private final CUcontext context;
    private final Resources resources = new Resources();
    private volatile Thread bound;

    private CudaDevice(DeviceDescription description, Precision precision) {
        this.description = description;
        this.precision = precision;
        this.math = MathModes.of(precision);
        this.status = new Status(description.gpu().name());
        try {
            int index = description.device();
            status.runtime(JCuda.cudaSetDevice(index), "cudaSetDevice");
            status.driver(JCudaDriver.cuInit(0), "cuInit");
            driverDevice = new CUdevice();
            status.driver(JCudaDriver.cuDeviceGet(driverDevice, index), "cuDeviceGet");
            context = new CUcontext();
            status.driver(JCudaDriver.cuDevicePrimaryCtxRetain(context, driverDevice), "cuDevicePrimaryCtxRetain");
            resources.own(() -> status.driver(JCudaDriver.cuDevicePrimaryCtxRelease(driverDevice),
                    "cuDevicePrimaryCtxRelease"));
            status.driver(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            bound = Thread.currentThread();

            stream = new cudaStream_t();
            status.runtime(JCuda.cudaStreamCreate(stream), "cudaStreamCreate");
            resources.own(() -> status.runtime(JCuda.cudaStreamDestroy(stream), "cudaStreamDestroy"));

            cublas = Cublas.of(description.cublas());
            status.cublas(cublas.create(), "cublasCreate");
            resources.own(() -> status.cublas(cublas.destroy(), "cublasDestroy"));
            status.cublas(cublas.setStream(stream), "cublasSetStream");
            status.cublas(cublas.setPointerModeHost(), "cublasSetPointerMode");
            status.cublas(cublas.setMathMode(math.blas()), "cublasSetMathMode");

            cudnn = new cudnnHandle();
            status.cudnn(JCudnn.cudnnCreate(cudnn), "cudnnCreate");
            resources.own(() -> status.cudnn(JCudnn.cudnnDestroy(cudnn), "cudnnDestroy"));
            status.cudnn(JCudnn.cudnnSetStream(cudnn, stream), "cudnnSetStream");

            kernels = resources.own(Kernels.load(new CUstream(stream), status));
        } catch (RuntimeException e) {
            try {
                resources.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Starts using the GPU the probe described; frees what it had set up if a step fails. */
    static CudaDevice open(DeviceDescription description, Precision precision) {
        JCuda.setExceptionsEnabled(false);
        JCudaDriver.setExceptionsEnabled(false);
        JCudnn.setExceptionsEnabled(false);
        return new CudaDevice(description, precision);
    }

    /** Makes this GPU current on the calling thread, for the runtime and the driver API alike. */
    void bind() {
        Thread thread = Thread.currentThread();
        if (bound != thread) {
            status.runtime(JCuda.cudaSetDevice(description.device()), "cudaSetDevice");
            status.driver(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            bound = thread;
        }
    }

    /** Waits until everything queued has run. */
    void synchronize() {
        status.runtime(JCuda.cudaStreamSynchronize(stream), "cudaStreamSynchronize");
    }

    DeviceBuffer allocate(long bytes) {
        return DeviceBuffer.allocate(bytes, status);
    }

    @Override
    public void close() {
        bind();
        synchronize();
        resources.close();
    }
}
