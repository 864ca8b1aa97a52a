package dev.nst.cuda.internal;

import dev.nst.core.backend.NetworkKernels;
import dev.nst.core.backend.NetworkLayout;
import dev.nst.core.backend.NetworkPlan;
import dev.nst.core.backend.StageSpec;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.Vgg19Weights;
import java.util.List;

/**
 * The VGG19 trunk's kernels on cuDNN: the convolutions' weights, uploaded to the device once (with the first plan,
 * up to the deepest convolution the network runs), and a {@link CudnnPlan} per input size, whose convolution
 * algorithms come from the device's cache after the first time.
 */
final class CudnnNetworkKernels implements NetworkKernels {

    static final String BACKEND = "the cuda backend";

    private final CudaDevice device;
    private final GrowingBuffer workspace;
    private final Vgg19Weights weights;
    private final Pooling pooling;
    private DeviceWeights deviceWeights;

    /** @param workspace the session's cuDNN workspace, shared by its plans */
    CudnnNetworkKernels(CudaDevice device, GrowingBuffer workspace, Vgg19Weights weights, Pooling pooling) {
        this.device = device;
        this.workspace = workspace;
        this.weights = weights;
        this.pooling = pooling;
    }

    @Override
    public NetworkPlan plan(NetworkLayout layout) {
        if (deviceWeights == null) {
            List<StageSpec> stages = layout.stages();
            deviceWeights = new DeviceWeights(device, weights, stages.get(stages.size() - 1).layer());
        }
        return new CudnnPlan(device, workspace, deviceWeights, layout, pooling);
    }

    @Override
    public long maxTensorElements() {
        return CudaSession.MAX_TENSOR_ELEMENTS;
    }

    @Override
    public String description() {
        return BACKEND;
    }

    /** The device is made current on the calling thread (a session may move between threads). */
    @Override
    public void enter() {
        device.bind();
    }

    /**
     * Status codes already arrive as {@link TransferFailedException}s (running out of memory with its hint); what
     * else escapes (JCuda's own exceptions) is a failure of the libraries.
     */
    @Override
    public RuntimeException failure(String pass, Shape shape, RuntimeException e) {
        return new TransferFailedException(BACKEND + " failed in the " + pass + " on a " + shape.width() + "x"
                + shape.height() + " image: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        if (deviceWeights != null) {
            device.bind();
            deviceWeights.close();
            deviceWeights = null;
        }
    }
}
