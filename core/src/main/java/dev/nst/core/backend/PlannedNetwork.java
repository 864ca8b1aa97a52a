package dev.nst.core.backend;

import dev.nst.core.domain.NstException;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.Tensor;
import java.util.Map;
import java.util.Set;

/**
 * The {@link FeatureNetwork} of every backend: it keeps one {@link NetworkPlan} for the input size in use, built from
 * the shared {@link NetworkLayout} when the size changes (content, style images, then the stage's size for the whole
 * optimisation), runs its steps forward, and backward from the deepest step that receives a gradient, injecting each
 * layer's gradient by replacing (nothing flows there yet) or adding (something does).
 */
public final class PlannedNetwork implements FeatureNetwork, AutoCloseable {

    private final Vgg19Weights weights;
    private final Set<VggLayer> outputs;
    private final NetworkKernels kernels;
    private NetworkLayout layout;
    private NetworkPlan plan;
    private boolean backwardPrepared;

    /**
     * Takes {@code kernels} over: they are closed with the network, or at once if it refuses the outputs.
     *
     * @throws IllegalArgumentException when no output is requested or the weights do not reach the deepest one
     */
    public PlannedNetwork(Vgg19Weights weights, Set<VggLayer> outputs, NetworkKernels kernels) {
        try {
            if (outputs.isEmpty()) {
                throw new IllegalArgumentException("a network needs at least one output layer");
            }
            VggLayer deepest = VggLayer.deepest(outputs);
            if (!weights.covers(deepest)) {
                throw new IllegalArgumentException("weights " + weights.source() + " stop before " + deepest.id());
            }
        } catch (IllegalArgumentException e) {
            kernels.close();
            throw e;
        }
        this.weights = weights;
        this.outputs = Set.copyOf(outputs);
        this.kernels = kernels;
    }

    @Override
    public Map<VggLayer, Tensor> forward(Tensor image) {
        kernels.enter();
        try {
            NetworkPlan current = planFor(image.shape());
            current.bindInput(image);
            for (int i = 0; i < layout.stages().size(); i++) {
                current.forward(i);
            }
            return current.outputs();
        } catch (RuntimeException e) {
            throw translated("forward pass", image.shape(), e);
        }
    }

    @Override
    public void backward(Map<VggLayer, Tensor> outputGradients, Tensor imageGradient) {
        if (plan == null || !layout.input().equals(imageGradient.shape())) {
            throw new IllegalStateException("backward needs a forward pass on an image of " + imageGradient.shape());
        }
        if (!outputs.containsAll(outputGradients.keySet())) {
            throw new IllegalArgumentException("gradients given for layers that are not outputs: "
                    + outputGradients.keySet());
        }
        outputGradients.forEach((layer, gradient) -> {
            Shape expected = layout.stages().get(layout.producerOf(layer)).output();
            if (!gradient.shape().equals(expected)) {
                throw new IllegalArgumentException("gradient for " + layer.id() + " has shape " + gradient.shape()
                        + ", expected " + expected);
            }
        });
        kernels.enter();
        try {
            if (!backwardPrepared) {
                plan.prepareBackward();
                backwardPrepared = true;
            }
            plan.beginBackward(imageGradient);
            boolean flowing = false;
            for (int i = layout.stages().size() - 1; i >= 0; i--) {
                Tensor injected = outputGradients.get(layout.stages().get(i).layer());
                if (injected != null) {
                    plan.inject(i, injected, flowing);
                    flowing = true;
                }
                if (flowing) {
                    plan.backward(i);
                }
            }
            plan.endBackward(imageGradient, flowing);
        } catch (RuntimeException e) {
            throw translated("backward pass", imageGradient.shape(), e);
        }
    }

    private NetworkPlan planFor(Shape shape) {
        if (plan == null || !layout.input().equals(shape)) {
            closePlan();
            NetworkLayout next = NetworkLayout.of(weights, outputs, shape);
            next.requireWithin(kernels.maxTensorElements(), kernels.description());
            plan = kernels.plan(next);
            layout = next;
        }
        return plan;
    }

    private RuntimeException translated(String pass, Shape shape, RuntimeException e) {
        if (e instanceof NstException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return e;
        }
        return kernels.failure(pass, shape, e);
    }

    private void closePlan() {
        if (plan != null) {
            NetworkPlan old = plan;
            plan = null;
            layout = null;
            backwardPrepared = false;
            old.close();
        }
    }

    /** Frees the plan and the weights. */
    @Override
    public void close() {
        try {
            closePlan();
        } finally {
            kernels.close();
        }
    }
}
