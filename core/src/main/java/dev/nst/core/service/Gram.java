package dev.nst.core.service;

import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;

/**
 * The Gram matrix of a layer's features, the style statistic of Gatys et al.: with {@code F} the {@code C x N}
 * activations of the layer ({@code N = H*W} positions), {@code G = F F^T / (C*H*W)}, the channels' correlations
 * averaged over positions and channels. Where a style applies only under a mask {@code m} (at the layer's grid),
 * {@code G = (F diag(m)) (F diag(m))^T / (C * sum_p m[p])}: the correlations averaged over the masked positions,
 * which is the plain Gram matrix when {@code m} is 1 everywhere. {@code ReferenceKernels.gram} in the core's test-jar
 * defines it; backends compute it with {@link LossKernels#gram}, whose explicit position weights ({@code m^2}), scale
 * and accumulation this class fixes.
 *
 * <p>On tiles, each tile adds the sum over its interior (position weights that are 0 outside it, times {@code m^2}
 * inside) scaled by the whole image's normaliser, so the tiles' sums are the whole image's Gram matrix.
 */
final class Gram {

    private Gram() {
    }

    /** {@code 1 / (C*H*W)} for features of the whole image shaped {@code whole}. */
    static double normaliser(Shape whole) {
        return 1.0 / whole.size();
    }

    /** {@code 1 / (C * sum m)} for {@code channels} channels under a mask whose weights sum to {@code maskSum}. */
    static double maskedNormaliser(int channels, double maskSum) {
        return 1.0 / (channels * maskSum);
    }

    /**
     * {@code gram (+)= scale * F diag(w) F^T}: the whole Gram matrix, or a tile's share of it.
     *
     * @param positionWeights {@code w}: {@code m^2}, zero outside a tile's interior, or null for all ones
     * @param accumulate      add to {@code gram} (a later tile) rather than overwrite it
     */
    static void compute(LossKernels kernels, Tensor features, Tensor positionWeights, double scale, boolean accumulate,
                        Tensor gram) {
        kernels.gram(features, positionWeights, scale, accumulate, gram);
    }

    /**
     * The gradient of {@link #compute}: given {@code dL/dG}, accumulates {@code scale * (dL/dG + dL/dG^T) F diag(w)}
     * into {@code gradient}.
     */
    static void backward(LossKernels kernels, Tensor features, Tensor positionWeights, double scale,
                         Tensor gramGradient, Tensor gradient) {
        kernels.gramBackward(features, positionWeights, scale, gramGradient, gradient);
    }
}
