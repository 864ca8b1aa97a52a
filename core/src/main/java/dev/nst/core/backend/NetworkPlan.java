package dev.nst.core.backend;

import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.Tensor;
import java.util.Map;

/**
 * A backend's kernels for one {@link NetworkLayout}: the network built for one input size, run step by step by
 * {@link PlannedNetwork}, which holds the logic every backend shares. Step {@code i} is
 * {@code layout.stages().get(i)}; during the backward pass the gradient at its output lies in arena
 * {@link NetworkLayout#outputGradientArena(int)} and the gradient at its input goes to arena
 * {@link NetworkLayout#inputGradientArena(int)}, or, for step 0, to the image gradient.
 */
public interface NetworkPlan extends AutoCloseable {

    /** Reads {@code image} ({@code 3 x H x W} of the layout's input shape) in the next forward pass. */
    void bindInput(Tensor image);

    /** Computes step {@code i}'s activation from its input (the image, or step {@code i-1}'s activation). */
    void forward(int i);

    /**
     * After every step ran forward: the requested activations as plain {@code C x H x W} tensors, owned by the plan
     * and valid until the next forward pass.
     */
    Map<VggLayer, Tensor> outputs();

    /** Allocates what the backward pass needs (gradient arenas, backward primitives); called once, before the first. */
    void prepareBackward();

    /** Starts a backward pass whose result goes to {@code imageGradient}. */
    void beginBackward(Tensor imageGradient);

    /**
     * Puts {@code gradient}, the loss's gradient with respect to step {@code i}'s activation, into that step's output
     * gradient: replacing what is there, or added to the gradient already flowing back through it when {@code add}.
     */
    void inject(int i, Tensor gradient, boolean add);

    /** Maps the gradient at step {@code i}'s output to the gradient at its input. */
    void backward(int i);

    /**
     * Ends the backward pass: the image gradient holds what step 0 wrote, or zeros if no gradient was injected
     * ({@code flowed} false).
     */
    void endBackward(Tensor imageGradient, boolean flowed);

    @Override
    void close();
}
