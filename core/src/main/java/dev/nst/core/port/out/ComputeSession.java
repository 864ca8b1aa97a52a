package dev.nst.core.port.out;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.util.Set;

/** The tensors and network of one transfer. Not thread-safe; closing it frees everything it allocated. */
public interface ComputeSession extends AutoCloseable {

    /**
     * Builds the VGG19 trunk up to the deepest of {@code outputs}, exposing the activations of {@code outputs}.
     */
    FeatureNetwork network(Vgg19Weights weights, Pooling pooling, Set<VggLayer> outputs);

    /** Tensor allocation and arithmetic on this backend. */
    TensorMath math();

    @Override
    void close();
}
