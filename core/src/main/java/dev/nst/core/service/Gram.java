package dev.nst.core.service;

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
 */
final class Gram {

    private Gram() {
    }

    /**
     * The normaliser of the features {@code features}: {@code 1 / (C*H*W)}, or under a mask {@code 1 / (C * sum m)}.
     *
     * @param squaredMask {@code m^2} at the layer's grid ({@code 1 x H x W}), or null: no mask
     * @param maskSum     {@code sum_p m[p]} (unused without a mask)
     */
    static double normaliser(Tensor features, Tensor squaredMask, double maskSum) {
        return squaredMask == null ? 1.0 / features.shape().size() : 1.0 / (features.shape().channels() * maskSum);
    }

    /** {@code gram = F diag(m^2) F^T / (C * sum m)}, or {@code F F^T / (C*H*W)} when {@code squaredMask} is null. */
    static void compute(LossKernels kernels, Tensor features, Tensor squaredMask, double maskSum, Tensor gram) {
        kernels.gram(features, squaredMask, normaliser(features, squaredMask, maskSum), false, gram);
    }

    /** {@code target += weight * F F^T / (C*H*W)}: one style image's share of a blended target. */
    static void accumulate(LossKernels kernels, Tensor features, double weight, Tensor target) {
        kernels.gram(features, null, weight * normaliser(features, null, 0), true, target);
    }

    /**
     * The gradient of {@link #compute}: given {@code dL/dG}, accumulates {@code (dL/dG + dL/dG^T) F diag(m^2)} times
     * the normaliser into {@code gradient}.
     */
    static void backward(LossKernels kernels, Tensor features, Tensor squaredMask, double maskSum, Tensor gramGradient,
                         Tensor gradient) {
        kernels.gramBackward(features, squaredMask, normaliser(features, squaredMask, maskSum), gramGradient, gradient);
    }
}
