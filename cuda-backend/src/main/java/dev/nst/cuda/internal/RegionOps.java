package dev.nst.cuda.internal;

import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;

import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.LossKernels.Region;
import jcuda.Pointer;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaMemcpyKind;

/**
 * Rectangles of positions copied or added from one tensor to another, every channel (defined by the core's
 * {@code ReferenceKernels.region}): one strided operation per channel on the device's stream. A channel's region is,
 * to cuBLAS, a column-major {@code width x height} matrix (one column per image row) whose leading dimension is its
 * tensor's width.
 */
final class RegionOps {

    private final CudaDevice device;
    private final Blas blas;

    RegionOps(CudaDevice device, Blas blas) {
        this.device = device;
        this.blas = blas;
    }

    /** Per channel, {@code cudaMemcpy2DAsync}: {@code height} rows of {@code width} floats, each tensor's own pitch. */
    void copy(Pointer from, Shape a, Region r, Pointer to, Shape b, int toY, int toX) {
        r.requireWithin(a, b, toY, toX);
        for (int c = 0; c < a.channels(); c++) {
            device.status.runtime(JCuda.cudaMemcpy2DAsync(start(to, b, c, toY, toX), (long) b.width() * Float.BYTES,
                    start(from, a, c, r.y(), r.x()), (long) a.width() * Float.BYTES, (long) r.width() * Float.BYTES,
                    r.height(), cudaMemcpyKind.cudaMemcpyDeviceToDevice, device.stream), "cudaMemcpy2DAsync(region)");
        }
    }

    /**
     * Per channel, an in-place SGEAM {@code C = 1 * C + 1 * B} ({@code C} the destination region, its leading
     * dimension the destination's width, not transposed, as cuBLAS requires of {@code C == A}; {@code B} the source
     * region): exact, as a float sum.
     */
    void add(Pointer from, Shape a, Region r, Pointer to, Shape b, int toY, int toX) {
        r.requireWithin(a, b, toY, toX);
        for (int c = 0; c < a.channels(); c++) {
            Pointer target = start(to, b, c, toY, toX);
            blas.sgeam(CUBLAS_OP_N, CUBLAS_OP_N, r.width(), r.height(), 1f, target, b.width(), 1f,
                    start(from, a, c, r.y(), r.x()), a.width(), target, b.width());
        }
    }

    /** Where row {@code y}, column {@code x} of channel {@code c} of a tensor of {@code shape} lies. */
    private static Pointer start(Pointer tensor, Shape shape, int c, int y, int x) {
        long floats = ((long) c * shape.height() + y) * shape.width() + x;
        return tensor.withByteOffset(floats * Float.BYTES);
    }
}
