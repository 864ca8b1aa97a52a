package dev.nst.cpu;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The VGG19 trunk on oneDNN. It keeps one compiled {@link DnnlPlan} for the image size in use and recompiles when
 * the size changes (content, then each style image, then the content size for the whole optimisation).
 */
final class DnnlNetwork implements CpuNetwork {

    private final DnnlKernels kernels;
    private final CpuSession session;
    private final Pooling pooling;
    private final Set<VggLayer> outputs;
    private final List<VggLayer> layers;
    private final DnnlWeights weights;
    private DnnlPlan plan;

    DnnlNetwork(DnnlKernels kernels, CpuSession session, Vgg19Weights weights, Pooling pooling, Set<VggLayer> outputs) {
        this.kernels = kernels;
        this.session = session;
        this.pooling = pooling;
        this.outputs = Set.copyOf(outputs);
        this.weights = new DnnlWeights(weights, kernels.engine(), kernels.stream());
        this.layers = VggLayer.upTo(VggLayer.deepest(outputs));
    }

    @Override
    public Map<VggLayer, Tensor> forward(Tensor image) {
        kernels.useThreads();
        try {
            return planFor(image.shape()).forward(CpuTensor.of(image));
        } catch (RuntimeException e) {
            throw failure("forward pass", image.shape(), e);
        }
    }

    @Override
    public void backward(Map<VggLayer, Tensor> outputGradients, Tensor imageGradient) {
        if (plan == null || !plan.inputShape().equals(imageGradient.shape())) {
            throw new IllegalStateException("backward needs a forward pass on an image of " + imageGradient.shape());
        }
        if (!outputs.containsAll(outputGradients.keySet())) {
            throw new IllegalArgumentException("gradients given for layers that are not outputs: " + outputGradients.keySet());
        }
        kernels.useThreads();
        try {
            plan.backward(outputGradients, CpuTensor.of(imageGradient));
        } catch (RuntimeException e) {
            throw failure("backward pass", imageGradient.shape(), e);
        }
    }

    private DnnlPlan planFor(Shape shape) {
        if (plan == null || !plan.inputShape().equals(shape)) {
            if (plan != null) {
                plan.close();
                plan = null;
            }
            plan = new DnnlPlan(kernels, session, weights, layers, pooling, outputs, shape);
        }
        return plan;
    }

    private static RuntimeException failure(String what, Shape shape, RuntimeException e) {
        if (e instanceof dev.nst.core.domain.NstException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException) {
            return e;
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("out of memory") || message.contains("could not create a memory")) {
            return new TransferFailedException("not enough memory for the " + what + " on a " + shape.width() + "x"
                    + shape.height() + " image; try a smaller --size", e);
        }
        return new TransferFailedException("oneDNN failed in the " + what + " on a " + shape.width() + "x"
                + shape.height() + " image: " + message, e);
    }

    @Override
    public void close() {
        if (plan != null) {
            plan.close();
            plan = null;
        }
        weights.close();
    }
}
