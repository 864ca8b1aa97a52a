package dev.nst.cuda.internal;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.Tensor;
import dev.nst.cuda.NetworkLayout;
import java.util.Map;
import java.util.Set;

/**
 * The VGG19 trunk on cuDNN. Weights are uploaded once; a {@link CudnnPlan} is kept for the image size in use and
 * rebuilt when it changes (content, then each style image, then the content size for the whole optimisation), its
 * convolution algorithms coming from the device's cache after the first time.
 */
final class CudnnNetwork implements FeatureNetwork, AutoCloseable {

    private final CudaDevice device;
    private final GrowingBuffer workspace;
    private final Vgg19Weights weights;
    private final Pooling pooling;
    private final Set<VggLayer> outputs;
    private final DeviceWeights deviceWeights;
    private CudnnPlan plan;

    CudnnNetwork(CudaDevice device, GrowingBuffer workspace, Vgg19Weights weights, Pooling pooling,
                 Set<VggLayer> outputs) {
        VggLayer deepest = VggLayer.deepest(outputs);
        if (!weights.covers(deepest)) {
            throw new IllegalArgumentException("weights " + weights.source() + " stop before " + deepest.id());
        }
        this.device = device;
        this.workspace = workspace;
        this.weights = weights;
        this.pooling = pooling;
        this.outputs = Set.copyOf(outputs);
        this.deviceWeights = new DeviceWeights(device, weights, deepest);
    }

    @Override
    public Map<VggLayer, Tensor> forward(Tensor image) {
        device.bind();
        CudaTensor input = CudaTensor.of(image);
        return planFor(input).forward(input);
    }

    @Override
    public void backward(Map<VggLayer, Tensor> outputGradients, Tensor imageGradient) {
        if (plan == null || !plan.inputShape().equals(imageGradient.shape())) {
            throw new IllegalStateException("backward needs a forward pass on an image of " + imageGradient.shape());
        }
        if (!outputs.containsAll(outputGradients.keySet())) {
            throw new IllegalArgumentException("gradients given for layers that are not outputs: "
                    + outputGradients.keySet());
        }
        device.bind();
        plan.backward(outputGradients, CudaTensor.of(imageGradient));
    }

    private CudnnPlan planFor(CudaTensor image) {
        Shape shape = image.shape();
        if (plan == null || !plan.inputShape().equals(shape)) {
            if (plan != null) {
                plan.close();
                plan = null;
            }
            plan = new CudnnPlan(device, workspace, deviceWeights, NetworkLayout.of(weights, outputs, shape), pooling,
                    outputs, image);
        }
        return plan;
    }

    @Override
    public void close() {
        device.bind();
        try {
            if (plan != null) {
                plan.close();
                plan = null;
            }
        } finally {
            deviceWeights.close();
        }
    }
}
