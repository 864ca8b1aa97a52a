package dev.nst.cuda.internal;

import jcuda.Pointer;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaMemcpyKind;

/**
 * Dot products and sums of absolute values, accumulated in double on the GPU ({@code kernels.ptx}), one partial sum
 * per block, added on the host in block order: the same result every run, as precise as the CPU backend's. Only the
 * partial sums (at most 2 KiB) cross to the host, as the scalar the optimiser needs.
 */
final class Reductions {

    private final CudaDevice device;
    private final Scratch scratch;

    Reductions(CudaDevice device, Scratch scratch) {
        this.device = device;
        this.scratch = scratch;
    }

    double dot(Pointer a, Pointer b, int n) {
        return sum(device.kernels.dotPartials(a, b, n, scratch.partials()));
    }

    double sumAbs(Pointer a, int n) {
        return sum(device.kernels.asumPartials(a, n, scratch.partials()));
    }

    private double sum(int blocks) {
        device.synchronize();
        double[] partials = new double[blocks];
        device.status.runtime(JCuda.cudaMemcpy(Pointer.to(partials), scratch.partials(), (long) blocks * Double.BYTES,
                cudaMemcpyKind.cudaMemcpyDeviceToHost), "cudaMemcpy(partial sums to host)");
        double total = 0;
        for (double partial : partials) {
            total += partial;
        }
        return total;
    }
}
