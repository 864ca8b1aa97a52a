package dev.nst.cpu;

import dev.nst.core.backend.NetworkLayout;
import dev.nst.core.backend.NetworkPlan;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.port.out.TensorScope;

/** The VGG19 trunk's kernels on oneDNN: the weights in oneDNN's layouts, and a {@link DnnlPlan} per input size. */
final class DnnlNetworkKernels extends CpuNetworkKernels {

    private final DnnlKernels kernels;
    private final TensorScope scope;
    private final Pooling pooling;
    private final DnnlWeights weights;

    /** @param scope where plans allocate the outputs they publish */
    DnnlNetworkKernels(DnnlKernels kernels, TensorScope scope, Vgg19Weights weights, Pooling pooling) {
        this.kernels = kernels;
        this.scope = scope;
        this.pooling = pooling;
        this.weights = new DnnlWeights(weights, kernels.engine(), kernels.stream());
    }

    @Override
    public NetworkPlan plan(NetworkLayout layout) {
        return new DnnlPlan(kernels, weights, pooling, layout, scope);
    }

    /** oneDNN uses the configured number of threads for work started from this thread. */
    @Override
    public void enter() {
        kernels.useThreads();
    }

    /** oneDNN reports running out of memory in its own words; anything else is a failure of the library. */
    @Override
    public RuntimeException failure(String pass, Shape shape, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("out of memory") || message.contains("could not create a memory")) {
            return TransferFailedException.outOfMemory("not enough memory for the " + pass + " on a " + shape.width()
                    + "x" + shape.height() + " image", e);
        }
        return new TransferFailedException("oneDNN failed in the " + pass + " on a " + shape.width() + "x"
                + shape.height() + " image: " + message, e);
    }

    @Override
    public void close() {
        weights.close();
    }
}
