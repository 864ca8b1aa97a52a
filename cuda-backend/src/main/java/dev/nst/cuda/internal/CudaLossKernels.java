package dev.nst.cuda.internal;

import static dev.nst.cuda.internal.CudaOptimizerKernels.cuda;
import static dev.nst.cuda.internal.CudaOptimizerKernels.requireSameSize;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;
import static jcuda.jcublas.cublasSideMode.CUBLAS_SIDE_LEFT;

import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;
import jcuda.Pointer;

/**
 * {@link LossKernels} on the GPU, queued on the device's stream: Gram matrices and their gradient
 * ({@link GramOps}), total variation ({@link TotalVariationOps}) and regions ({@link RegionOps}) on cuBLAS, the mean
 * squared error here. Sums are the double-precision reductions ({@link Reductions}); temporaries live in the session's
 * scratch, grown to the largest size asked for and reused.
 */
final class CudaLossKernels implements LossKernels {

    private final CudaDevice device;
    private final CudaOptimizerKernels vectors;
    private final Blas blas;
    private final Reductions reductions;
    private final Scratch scratch;
    private final GramOps gramOps;
    private final TotalVariationOps tvOps;
    private final RegionOps regionOps;

    CudaLossKernels(CudaDevice device, CudaOptimizerKernels vectors, Blas blas, Reductions reductions,
                    Scratch scratch) {
        this.device = device;
        this.vectors = vectors;
        this.blas = blas;
        this.reductions = reductions;
        this.scratch = scratch;
        this.gramOps = new GramOps(blas, scratch);
        this.tvOps = new TotalVariationOps(blas, reductions, scratch);
        this.regionOps = new RegionOps(device, blas);
    }

    @Override
    public void copy(Tensor from, Tensor to) {
        vectors.copy(from, to);
    }

    @Override
    public void zero(Tensor tensor) {
        vectors.zero(tensor);
    }

    @Override
    public void gram(Tensor features, Tensor positionWeights, double scale, boolean accumulate, Tensor gram) {
        Shape s = features.shape();
        requireGramOf(s, gram, "a Gram matrix");
        Pointer weights = positionWeights(s, positionWeights);
        device.bind();
        gramOps.gram(cuda(features).pointer(), s.channels(), s.intArea(), weights, (float) scale, accumulate,
                cuda(gram).pointer());
    }

    @Override
    public void gramBackward(Tensor features, Tensor positionWeights, double scale, Tensor gramGradient,
                             Tensor featureGradient) {
        requireSameSize(features, featureGradient);
        Shape s = features.shape();
        requireGramOf(s, gramGradient, "the Gram gradient");
        Pointer weights = positionWeights(s, positionWeights);
        device.bind();
        gramOps.backward(cuda(features).pointer(), s.channels(), s.intArea(), weights, (float) scale,
                cuda(gramGradient).pointer(), cuda(featureGradient).pointer());
    }

    /**
     * {@code d = x - t} by SGEAM into scratch; with element weights, {@code e d} by SDGMM ({@code diag(e)} times
     * {@code d} as an {@code n x 1} matrix) into a second region; {@code sum e d²} as the double-precision dot product
     * of the two; the gradient {@code += (2 weight / count) e d} by SAXPY.
     */
    @Override
    public double meanSquaredError(Tensor x, Tensor target, Tensor elementWeights, double count, double weight,
                                   Tensor gradient) {
        requireSameSize(x, target);
        if (elementWeights != null) {
            requireSameSize(x, elementWeights);
        }
        if (gradient != null) {
            requireSameSize(x, gradient);
        }
        device.bind();
        int n = cuda(x).size();
        Pointer difference;
        Pointer weighted;
        if (elementWeights == null) {
            difference = scratch.floats(n);
            weighted = difference;
        } else {
            Pointer[] regions = scratch.floats(n, n);
            difference = regions[0];
            weighted = regions[1];
        }
        blas.sgeam(CUBLAS_OP_N, CUBLAS_OP_N, n, 1, 1f, cuda(x).pointer(), n, -1f, cuda(target).pointer(), n,
                difference, n);
        if (elementWeights != null) {
            blas.sdgmm(CUBLAS_SIDE_LEFT, n, 1, difference, n, cuda(elementWeights).pointer(), weighted, n);
        }
        double sum = reductions.dot(weighted, difference, n);
        if (gradient != null) {
            blas.saxpy(n, (float) (weight * 2.0 / count), weighted, cuda(gradient).pointer());
        }
        return weight * sum / count;
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

    @Override
    public void copyRegion(Tensor from, Region region, Tensor to, int toY, int toX) {
        device.bind();
        regionOps.copy(cuda(from).pointer(), from.shape(), region, cuda(to).pointer(), to.shape(), toY, toX);
    }

    @Override
    public void addRegion(Tensor from, Region region, Tensor to, int toY, int toX) {
        device.bind();
        regionOps.add(cuda(from).pointer(), from.shape(), region, cuda(to).pointer(), to.shape(), toY, toX);
    }

    /** The weights' device memory, or null for none; one per position of {@code features}. */
    private static Pointer positionWeights(Shape features, Tensor weights) {
        if (weights == null) {
            return null;
        }
        if (weights.shape().size() != features.area()) {
            throw new IllegalArgumentException("position weights of " + weights.shape() + " for " + features.area()
                    + " positions");
        }
        return cuda(weights).pointer();
    }

    private static void requireGramOf(Shape features, Tensor gram, String what) {
        if (gram.shape().size() != (long) features.channels() * features.channels()) {
            throw new IllegalArgumentException(what + " of " + features + " has " + features.gram() + ", not "
                    + gram.shape());
        }
    }
}
