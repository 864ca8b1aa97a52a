package dev.nst.cuda.internal;

import dev.nst.core.backend.StageSpec;
import jcuda.Pointer;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnActivationDescriptor;
import jcuda.jcudnn.cudnnTensorDescriptor;

/** A ReLU kept apart from its convolution because that convolution's output is itself requested. */
final class ReluStage extends Stage {

    private final cudnnActivationDescriptor relu;

    ReluStage(StageSpec spec, CudaDevice device, cudnnTensorDescriptor inputDescriptor,
              cudnnTensorDescriptor outputDescriptor, DeviceBuffer output, cudnnActivationDescriptor relu) {
        super(spec, device, inputDescriptor, outputDescriptor, output);
        this.relu = relu;
    }

    @Override
    void forward() {
        device.status.cudnn(JCudnn.cudnnActivationForward(device.cudnn, relu, ONE, inputDescriptor, input, ZERO,
                outputDescriptor, output.pointer()), "cudnnActivationForward(" + spec.layer().id() + ")");
    }

    @Override
    void backward(Pointer outputGradient, Pointer inputGradient) {
        device.status.cudnn(JCudnn.cudnnActivationBackward(device.cudnn, relu, ONE, outputDescriptor, output.pointer(),
                outputDescriptor, outputGradient, inputDescriptor, input, ZERO, inputDescriptor, inputGradient),
                "cudnnActivationBackward(" + spec.layer().id() + ")");
    }
}
