package dev.nst.cuda.internal;

import dev.nst.core.port.out.OptimizerKernels;
import dev.nst.core.port.out.Tensor;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaMemcpyKind;

/**
 * {@link OptimizerKernels} on the GPU, queued on the device's stream; only the scalars of {@link #dot} and
 * {@link #sumAbs} come back to the host.
 * <ul>
 * <li>copy, zero: {@code cudaMemcpyAsync}, {@code cudaMemsetAsync}; axpy, scale: {@code cublasSaxpy},
 *     {@code cublasSscal}</li>
 * <li>dot, sumAbs: the double-precision reduction kernels ({@link Reductions})</li>
 * <li>adamStep: the {@code nst_adam_step} kernel (the one element-wise update cuBLAS cannot express)</li>
 * </ul>
 */
final class CudaOptimizerKernels implements OptimizerKernels {

    private final CudaDevice device;
    private final Blas blas;
    private final Reductions reductions;

    CudaOptimizerKernels(CudaDevice device, Blas blas, Reductions reductions) {
        this.device = device;
        this.blas = blas;
        this.reductions = reductions;
    }

    @Override
    public void copy(Tensor from, Tensor to) {
        requireSameSize(from, to);
        device.bind();
        device.status.runtime(JCuda.cudaMemcpyAsync(cuda(to).pointer(), cuda(from).pointer(), cuda(to).bytes(),
                cudaMemcpyKind.cudaMemcpyDeviceToDevice, device.stream), "cudaMemcpyAsync(device to device)");
    }

    @Override
    public void zero(Tensor tensor) {
        device.bind();
        device.status.runtime(JCuda.cudaMemsetAsync(cuda(tensor).pointer(), 0, cuda(tensor).bytes(), device.stream),
                "cudaMemsetAsync");
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        requireSameSize(a, b);
        device.bind();
        return reductions.dot(cuda(a).pointer(), cuda(b).pointer(), cuda(a).size());
    }

    @Override
    public double sumAbs(Tensor a) {
        device.bind();
        return reductions.sumAbs(cuda(a).pointer(), cuda(a).size());
    }

    @Override
    public void axpy(double alpha, Tensor x, Tensor y) {
        requireSameSize(x, y);
        device.bind();
        blas.saxpy(cuda(y).size(), (float) alpha, cuda(x).pointer(), cuda(y).pointer());
    }

    @Override
    public void scale(Tensor x, double alpha) {
        device.bind();
        blas.sscal(cuda(x).size(), (float) alpha, cuda(x).pointer());
    }

    /** The float parameters are derived as the CPU backend derives them, so both backends round alike. */
    @Override
    public void adamStep(Tensor x, Tensor gradient, Tensor m, Tensor v, AdamStep step) {
        requireSameSize(x, gradient);
        requireSameSize(x, m);
        requireSameSize(x, v);
        device.bind();
        float beta1 = (float) step.beta1();
        float beta2 = (float) step.beta2();
        double c1 = 1 - Math.pow(step.beta1(), step.t());
        double c2 = 1 - Math.pow(step.beta2(), step.t());
        device.kernels.adam(cuda(x).pointer(), cuda(gradient).pointer(), cuda(m).pointer(), cuda(v).pointer(),
                cuda(x).size(), beta1, 1 - beta1, beta2, 1 - beta2, (float) (step.learningRate() / c1),
                (float) Math.sqrt(c2), (float) step.epsilon());
    }

    static CudaTensor cuda(Tensor tensor) {
        return CudaTensor.of(tensor);
    }

    static void requireSameSize(Tensor a, Tensor b) {
        if (a.shape().size() != b.shape().size()) {
            throw new IllegalArgumentException("tensor sizes differ: " + a.shape() + " and " + b.shape());
        }
    }
}
