package dev.nst.cuda.internal;

import dev.nst.core.backend.StageSpec;
import jcuda.Pointer;
import jcuda.jcudnn.cudnnTensorDescriptor;

/**
 * One step of the network on cuDNN: it reads {@link #input} and writes {@link #output}; backwards it maps the
 * gradient at its output to the gradient at its input. Gradients live in the plan's arenas, not here.
 */
abstract class Stage {

    /** cuDNN's scaling factors {@code alpha = 1} and {@code beta = 0} (overwrite) or {@code beta = 1} (add). */
    static final Pointer ONE = Pointer.to(new float[] {1f});
    static final Pointer ZERO = Pointer.to(new float[] {0f});

    final StageSpec spec;
    final cudnnTensorDescriptor inputDescriptor;
    final cudnnTensorDescriptor outputDescriptor;
    final DeviceBuffer output;
    protected final CudaDevice device;
    /** The activation this step reads: the previous step's output, or the image for the first step. */
    Pointer input;

    Stage(StageSpec spec, CudaDevice device, cudnnTensorDescriptor inputDescriptor,
          cudnnTensorDescriptor outputDescriptor, DeviceBuffer output) {
        this.spec = spec;
        this.device = device;
        this.inputDescriptor = inputDescriptor;
        this.outputDescriptor = outputDescriptor;
        this.output = output;
    }

    /** Chooses what the forward pass needs (a convolution's algorithm) on the current {@link #input}; once. */
    void prepareForward(AlgorithmSearch search) {
    }

    abstract void forward();

    /**
     * Chooses what the backward pass needs (convolution algorithms), given scratch gradients of the right sizes.
     */
    void prepareBackward(AlgorithmSearch search, Pointer outputGradient, Pointer inputGradient) {
    }

    /**
     * Writes the gradient at this step's input into {@code inputGradient}, from the gradient at its output (which
     * it may overwrite).
     */
    abstract void backward(Pointer outputGradient, Pointer inputGradient);
}
