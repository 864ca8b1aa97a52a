package dev.nst.core.port.out;

import dev.nst.core.domain.Shape;

/**
 * The loss port: the kernels the content, style and total-variation losses are made of, each with its parameters
 * given by the caller (no normalisation is fixed). The reference kernels of the core's test-jar
 * ({@code dev.nst.core.testing.ReferenceKernels}) define every one of them; the backend contract test holds each
 * backend to them, parameter by parameter.
 *
 * <p>Features {@code F} of shape {@code C x H x W} are read as the {@code C x N} matrix of their {@code N = H*W}
 * positions. Optional arguments are {@code null} when absent. Gradients are always accumulated ({@code +=}).
 */
public interface LossKernels {

    void copy(Tensor from, Tensor to);

    void zero(Tensor tensor);

    /**
     * The Gram matrix {@code scale * F diag(w) F^T} ({@code 1 x C x C}): written into {@code gram}, or added to it
     * when {@code accumulate}.
     *
     * @param positionWeights {@code w}, one weight per position ({@code 1 x H x W}), or null for all ones
     * @param scale           the normaliser, e.g. {@code 1 / (C*H*W)} for the classic Gram matrix
     */
    void gram(Tensor features, Tensor positionWeights, double scale, boolean accumulate, Tensor gram);

    /**
     * Given {@code dL/dG} for {@code G = gram(features, positionWeights, scale)}, accumulates
     * {@code dL/dF = scale * (dL/dG + dL/dG^T) F diag(w)} into {@code featureGradient}.
     */
    void gramBackward(Tensor features, Tensor positionWeights, double scale, Tensor gramGradient,
                      Tensor featureGradient);

    /**
     * {@code weight * sum_i e_i (x_i - t_i)^2 / count}, a weighted mean over {@code count}; accumulates its gradient
     * {@code weight * 2 e_i (x_i - t_i) / count} into {@code gradient} unless it is null.
     *
     * @param elementWeights {@code e}, shaped as {@code x}, or null for all ones
     * @param count          the number the sum is divided by: {@code x}'s element count for a plain mean, the sum of
     *                       the weights for a weighted mean, the whole image's count for a tile of it
     */
    double meanSquaredError(Tensor x, Tensor target, Tensor elementWeights, double count, double weight,
                            Tensor gradient);

    /**
     * {@code weight/2 * sum over channels of the squared differences between horizontal and vertical neighbours};
     * accumulates its gradient unless {@code gradient} is null.
     */
    double totalVariation(Tensor image, double weight, Tensor gradient);

    /**
     * Copies {@code region} of {@code from} to {@code to} at {@code (toY, toX)}, channel by channel; both have the same
     * number of channels ({@code 3 x H x W} images or {@code C x H x W} features).
     */
    void copyRegion(Tensor from, Region region, Tensor to, int toY, int toX);

    /** As {@link #copyRegion}, adding to what {@code to} holds there. */
    void addRegion(Tensor from, Region region, Tensor to, int toY, int toX);

    /** A rectangle of positions: rows {@code y .. y+height-1}, columns {@code x .. x+width-1}. */
    record Region(int y, int x, int height, int width) {
        public Region {
            if (y < 0 || x < 0 || height <= 0 || width <= 0) {
                throw new IllegalArgumentException("not a region: " + height + "x" + width + " at " + y + "," + x);
            }
        }

        /**
         * Checks that this region lies within {@code from} and, moved to {@code (toY, toX)}, within {@code to}, both of
         * the same channel count.
         *
         * @throws IllegalArgumentException otherwise
         */
        public void requireWithin(Shape from, Shape to, int toY, int toX) {
            if (from.channels() != to.channels() || (long) y + height > from.height() || (long) x + width > from.width()
                    || toY < 0 || toX < 0 || (long) toY + height > to.height() || (long) toX + width > to.width()) {
                throw new IllegalArgumentException("region " + this + " of " + from + " does not fit " + to + " at "
                        + toY + "," + toX);
            }
        }
    }
}
