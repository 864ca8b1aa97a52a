package dev.nst.cuda.internal;

import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;

import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorMath;
import jcuda.Pointer;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaMemcpyKind;

/**
 * {@link TensorMath} on the GPU. Everything is queued on the device's stream; only {@link #upload} and the scalar
 * results (dot products, losses) cross between host and device.
 * <ul>
 * <li>copy, zero: {@code cudaMemcpyAsync}, {@code cudaMemsetAsync}; axpy, scale: {@code cublasSaxpy},
 *     {@code cublasSscal}</li>
 * <li>dot, sumAbs: the double-precision reduction kernels ({@link Reductions})</li>
 * <li>adamStep: the {@code nst_adam_step} kernel (the one element-wise update cuBLAS cannot express)</li>
 * <li>gram, gramBackward, meanSquaredError, totalVariation: {@link GramOps} and {@link TotalVariationOps}</li>
 * </ul>
 */
final class CudaMath implements TensorMath {

    private final CudaSession session;
    private final CudaDevice device;
    private final Blas blas;
    private final Reductions reductions;
    private final Scratch scratch;
    private final GramOps gramOps;
    private final TotalVariationOps tvOps;

    CudaMath(CudaSession session, CudaDevice device, Scratch scratch) {
        this.session = session;
        this.device = device;
        this.scratch = scratch;
        this.blas = new Blas(device);
        this.reductions = new Reductions(device, scratch);
        this.gramOps = new GramOps(blas, scratch);
        this.tvOps = new TotalVariationOps(blas, reductions, scratch);
    }

    @Override
    public Tensor upload(Shape shape, float[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values for a tensor of " + shape);
        }
        CudaTensor tensor = session.allocate(shape, false);
        // A synchronous copy on the legacy default stream: ordered after, and before, the work on the device's stream.
        device.status.runtime(JCuda.cudaMemcpy(tensor.pointer(), Pointer.to(values), tensor.bytes(),
                cudaMemcpyKind.cudaMemcpyHostToDevice), "cudaMemcpy(host to device)");
        return tensor;
    }

    @Override
    public Tensor zeros(Shape shape) {
        return session.allocate(shape, true);
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

    /** The float parameters are derived as {@code CpuMath} derives them, so both backends round alike. */
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

    @Override
    public void gram(Tensor features, Tensor gram) {
        Shape s = features.shape();
        if (gram.shape().size() != s.channels() * s.channels()) {
            throw new IllegalArgumentException("a Gram matrix of " + s + " has " + s.gram() + ", not " + gram.shape());
        }
        device.bind();
        gramOps.gram(cuda(features).pointer(), s.channels(), s.area(), cuda(gram).pointer());
    }

    @Override
    public double meanSquaredError(Tensor x, Tensor target, double weight, Tensor gradient) {
        requireSameSize(x, target);
        if (gradient != null) {
            requireSameSize(x, gradient);
        }
        device.bind();
        int n = cuda(x).size();
        Pointer difference = scratch.floats(n);
        blas.sgeam(CUBLAS_OP_N, CUBLAS_OP_N, n, 1, 1f, cuda(x).pointer(), n, -1f, cuda(target).pointer(), n,
                difference, n);
        double sum = reductions.dot(difference, difference, n);
        if (gradient != null) {
            blas.saxpy(n, (float) (weight * 2.0 / n), difference, cuda(gradient).pointer());
        }
        return weight * sum / n;
    }

    @Override
    public void gramBackward(Tensor features, Tensor gramGradient, Tensor featureGradient) {
        requireSameSize(features, featureGradient);
        Shape s = features.shape();
        if (gramGradient.shape().size() != s.channels() * s.channels()) {
            throw new IllegalArgumentException("the Gram gradient of " + s + " has " + s.gram() + ", not "
                    + gramGradient.shape());
        }
        device.bind();
        gramOps.backward(cuda(features).pointer(), s.channels(), s.area(), cuda(gramGradient).pointer(),
                cuda(featureGradient).pointer());
    }

    @Override
    public double totalVariation(Tensor image, double weight, Tensor gradient) {
        if (gradient != null) {
            requireSameSize(image, gradient);
        }
        device.bind();
        return tvOps.evaluate(cuda(image).pointer(), image.shape(), weight,
                gradient == null ? null : cuda(gradient).pointer());
    }

    private static CudaTensor cuda(Tensor tensor) {
        return CudaTensor.of(tensor);
    }

    private static void requireSameSize(Tensor a, Tensor b) {
        if (a.shape().size() != b.shape().size()) {
            throw new IllegalArgumentException("tensor sizes differ: " + a.shape() + " and " + b.shape());
        }
    }
}
