package dev.nst.cuda.internal;

import dev.nst.core.backend.StageSpec;
import jcuda.Pointer;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnPoolingDescriptor;
import jcuda.jcudnn.cudnnTensorDescriptor;
import jcuda.runtime.JCuda;

/** 2x2 stride-2 max or average pooling ({@code cudnnPoolingForward}, {@code cudnnPoolingBackward}). */
final class PoolStage extends Stage {

    private final cudnnPoolingDescriptor pooling;

    PoolStage(StageSpec spec, CudaDevice device, cudnnTensorDescriptor inputDescriptor,
              cudnnTensorDescriptor outputDescriptor, DeviceBuffer output, cudnnPoolingDescriptor pooling) {
        super(spec, device, inputDescriptor, outputDescriptor, output);
        this.pooling = pooling;
    }

    @Override
    void forward() {
        device.status.cudnn(JCudnn.cudnnPoolingForward(device.cudnn, pooling, ONE, inputDescriptor, input, ZERO,
                outputDescriptor, output.pointer()), "cudnnPoolingForward(" + spec.layer().id() + ")");
    }

    @Override
    void backward(Pointer outputGradient, Pointer inputGradient) {
        if (spec.clearsInputGradient()) {
            // The dropped last row or column gets no gradient; it must read zero, not an arena's leftovers.
            device.status.runtime(JCuda.cudaMemsetAsync(inputGradient, 0, spec.input().size() * Float.BYTES,
                    device.stream), "cudaMemsetAsync(" + spec.layer().id() + " input gradient)");
        }
        device.status.cudnn(JCudnn.cudnnPoolingBackward(device.cudnn, pooling, ONE, outputDescriptor, output.pointer(),
                outputDescriptor, outputGradient, inputDescriptor, input, ZERO, inputDescriptor, inputGradient),
                "cudnnPoolingBackward(" + spec.layer().id() + ")");
    }
}
