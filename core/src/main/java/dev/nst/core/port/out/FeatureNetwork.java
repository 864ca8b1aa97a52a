package dev.nst.core.port.out;

import dev.nst.core.domain.VggLayer;
import java.util.Map;

/** The VGG19 feature extractor and its data gradient. Weights are constant: no weight gradients are computed. */
public interface FeatureNetwork {

    /**
     * Runs {@code image} ({@code 3 x H x W}, in the weights' input convention) through the network.
     *
     * @return the activations of the output layers; owned by the network and valid until the next call
     */
    Map<VggLayer, Tensor> forward(Tensor image);

    /**
     * Backpropagates, through the network state of the last {@link #forward}, the gradients of a loss with respect to
     * some output layers' activations, and writes the gradient with respect to the image into {@code imageGradient}.
     */
    void backward(Map<VggLayer, Tensor> outputGradients, Tensor imageGradient);
}
