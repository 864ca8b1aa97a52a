package dev.nst.core.port.out;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.util.Set;

/**
 * One transfer's workspace on a backend: the three ports the algorithm needs (feature extraction, the losses'
 * kernels, the optimisers' arithmetic) and the outermost {@link TensorScope}. Not thread-safe; closing it frees
 * everything it allocated.
 */
public interface ComputeSession extends TensorScope {

    /**
     * Feature extraction: the VGG19 trunk up to the deepest of {@code outputs}, exposing the activations of
     * {@code outputs}. It lives as long as the session.
     */
    FeatureNetwork network(Vgg19Weights weights, Pooling pooling, Set<VggLayer> outputs);

    /** The kernels the losses are made of. */
    LossKernels losses();

    /** The vector arithmetic the optimisers need. */
    OptimizerKernels optimizer();
}
