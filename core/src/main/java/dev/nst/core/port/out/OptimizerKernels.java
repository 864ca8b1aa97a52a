package dev.nst.core.port.out;

/**
 * The optimisation port: the vector arithmetic L-BFGS and Adam need, done where the tensors live. Only the scalars
 * ({@link #dot}, {@link #sumAbs}) come back to the caller.
 */
public interface OptimizerKernels {

    void copy(Tensor from, Tensor to);

    void zero(Tensor tensor);

    /** {@code a . b}, accumulated in double precision. */
    double dot(Tensor a, Tensor b);

    /** Sum of absolute values, accumulated in double precision. */
    double sumAbs(Tensor a);

    /** {@code y += alpha * x}. */
    void axpy(double alpha, Tensor x, Tensor y);

    /** {@code x *= alpha}. */
    void scale(Tensor x, double alpha);

    /** One Adam update of {@code x} from {@code gradient}, updating the moment estimates {@code m} and {@code v}. */
    void adamStep(Tensor x, Tensor gradient, Tensor m, Tensor v, AdamStep step);

    /** The parameters of Adam step {@code t} (1-based). */
    record AdamStep(double learningRate, double beta1, double beta2, double epsilon, int t) {
    }
}
