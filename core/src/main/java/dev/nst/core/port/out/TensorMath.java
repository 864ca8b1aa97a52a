package dev.nst.core.port.out;

import dev.nst.core.domain.Shape;

/**
 * The arithmetic the losses and optimisers need, done where the tensors live. Methods that take a {@code gradient}
 * accumulate into it ({@code +=}); a null gradient means "value only".
 */
public interface TensorMath {

    Tensor upload(Shape shape, float[] values);

    Tensor zeros(Shape shape);

    void copy(Tensor from, Tensor to);

    void zero(Tensor tensor);

    double dot(Tensor a, Tensor b);

    /** Sum of absolute values. */
    double sumAbs(Tensor a);

    /** {@code y += alpha * x}. */
    void axpy(double alpha, Tensor x, Tensor y);

    /** {@code x *= alpha}. */
    void scale(Tensor x, double alpha);

    /** One Adam update of {@code x} from {@code gradient}, updating the moment estimates {@code m} and {@code v}. */
    void adamStep(Tensor x, Tensor gradient, Tensor m, Tensor v, AdamStep step);

    /** {@code gram = F F^T / (C*H*W)} where {@code F} is the {@code C x (H*W)} view of {@code features}. */
    void gram(Tensor features, Tensor gram);

    /**
     * {@code weight * mean((x - target)^2)}; accumulates its gradient {@code weight * 2/N * (x - target)}.
     */
    double meanSquaredError(Tensor x, Tensor target, double weight, Tensor gradient);

    /**
     * Given {@code dL/dG} for {@code G = gram(features)}, accumulates
     * {@code dL/dF = (dL/dG + dL/dG^T) F / (C*H*W)} into {@code featureGradient}.
     */
    void gramBackward(Tensor features, Tensor gramGradient, Tensor featureGradient);

    /**
     * {@code weight/2 * sum over channels of the squared differences between horizontal and vertical neighbours};
     * accumulates its gradient.
     */
    double totalVariation(Tensor image, double weight, Tensor gradient);

    /** The parameters of Adam step {@code t} (1-based). */
    record AdamStep(double learningRate, double beta1, double beta2, double epsilon, int t) {
    }
}
