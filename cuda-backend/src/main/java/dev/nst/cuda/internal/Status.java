package dev.nst.cuda.internal;

import dev.nst.core.domain.TransferFailedException;
import dev.nst.cuda.GpuMemoryMessages;
import jcuda.driver.CUresult;
import jcuda.jcublas.cublasStatus;
import jcuda.jcudnn.JCudnn;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaError;

/**
 * Every status code of every CUDA, cuBLAS and cuDNN call goes through here (JCuda's own exceptions stay switched
 * off). A failure becomes a {@link TransferFailedException} naming the call and the library's name for the error;
 * running out of device memory becomes an out-of-memory failure that says how much is free, with the hint to ask for
 * a smaller image ({@link GpuMemoryMessages}).
 */
final class Status {

    private final String gpu;

    Status(String gpu) {
        this.gpu = gpu;
    }

    void runtime(int code, String call) {
        if (code != cudaError.cudaSuccess) {
            throw failure("CUDA", call, cudaError.stringFor(code));
        }
    }

    void driver(int code, String call) {
        if (code != CUresult.CUDA_SUCCESS) {
            throw failure("CUDA driver", call, CUresult.stringFor(code));
        }
    }

    void cublas(int code, String call) {
        if (code != cublasStatus.CUBLAS_STATUS_SUCCESS) {
            throw failure("cuBLAS", call, cublasStatus.stringFor(code));
        }
    }

    /** cuDNN 9 renumbered its status codes, so their names come from cuDNN itself, not from JCudnn's table. */
    void cudnn(int code, String call) {
        if (code != 0) {
            throw failure("cuDNN", call, JCudnn.cudnnGetErrorString(code));
        }
    }

    /** The allocation of {@code bytes} failed for lack of memory. */
    TransferFailedException outOfMemory(long bytes) {
        long[] memory = freeAndTotal();
        return GpuMemoryMessages.notEnough(bytes, memory[0], memory[1], gpu);
    }

    /** Device memory free and in total, in bytes; zeros if the runtime cannot say. */
    static long[] freeAndTotal() {
        long[] free = {0};
        long[] total = {0};
        if (JCuda.cudaMemGetInfo(free, total) != cudaError.cudaSuccess) {
            JCuda.cudaGetLastError();
            return new long[] {0, 0};
        }
        return new long[] {free[0], total[0]};
    }

    private TransferFailedException failure(String library, String call, String error) {
        if (GpuMemoryMessages.isOutOfMemory(error)) {
            JCuda.cudaGetLastError();
            long[] memory = freeAndTotal();
            return GpuMemoryMessages.notEnoughFor(call, memory[0], memory[1], gpu);
        }
        return new TransferFailedException(library + " error in " + call + ": " + error);
    }
}
