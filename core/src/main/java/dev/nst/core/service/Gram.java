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

    /** The normaliser {@code 1 / (C*H*W)} of the features {@code features}. */
    static double normaliser(Tensor features) {
        return 1.0 / features.shape().size();
    }

    /** {@code gram = F F^T / (C*H*W)}. */
    static void compute(LossKernels kernels, Tensor features, Tensor gram) {
        kernels.gram(features, null, normaliser(features), false, gram);
    }

    /** {@code target += weight * F F^T / (C*H*W)}: one style image's share of a blended target. */
    static void accumulate(LossKernels kernels, Tensor features, double weight, Tensor target) {
        kernels.gram(features, null, weight * normaliser(features), true, target);
    }

    /** Given {@code dL/dG}, accumulates {@code dL/dF = (dL/dG + dL/dG^T) F / (C*H*W)} into {@code gradient}. */
    static void backward(LossKernels kernels, Tensor features, Tensor gramGradient, Tensor gradient) {
        kernels.gramBackward(features, null, normaliser(features), gramGradient, gradient);
    }

    /** The normaliser {@code 1 / (C * sum_p m[p])} of a masked Gram matrix. */
    static double maskedNormaliser(Tensor features, double maskSum) {
        return 1.0 / (features.shape().channels() * maskSum);
    }

    /**
     * {@code gram = F diag(m^2) F^T / (C * sum m)}, given the squared mask {@code m^2} ({@code 1 x H x W}) and
     * {@code sum m}.
     */
    static void masked(LossKernels kernels, Tensor features, Tensor squaredMask, double maskSum, Tensor gram) {
        kernels.gram(features, squaredMask, maskedNormaliser(features, maskSum), false, gram);
    }

    /** The gradient of {@link #masked}: accumulates {@code (dL/dG + dL/dG^T) F diag(m^2) / (C * sum m)}. */
    static void maskedBackward(LossKernels kernels, Tensor features, Tensor squaredMask, double maskSum,
                               Tensor gramGradient, Tensor gradient) {
        kernels.gramBackward(features, squaredMask, maskedNormaliser(features, maskSum), gramGradient, gradient);
    }
}
