package dev.nst.cuda.internal;

import dev.nst.core.backend.StageSpec;
import dev.nst.cuda.AlgorithmChoice;
import jcuda.Pointer;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnActivationDescriptor;
import jcuda.jcudnn.cudnnConvolutionDescriptor;
import jcuda.jcudnn.cudnnTensorDescriptor;

/**
 * A 3x3 convolution plus bias ({@code cudnnConvolutionForward}, {@code cudnnAddTensor}), with its ReLU applied in place
 * when the convolution's own output is not needed. Backward: that ReLU's gradient in place, then the convolution's
 * data gradient ({@code cudnnConvolutionBackwardData}); the weights get no gradient.
 */
final class ConvStage extends Stage {

    private final DeviceWeights.Convolution weights;
    private final cudnnConvolutionDescriptor convolution;
    private final cudnnActivationDescriptor relu;
    private final GrowingBuffer workspace;
    private AlgorithmChoice.Choice forwardAlgorithm;
    private AlgorithmChoice.Choice backwardAlgorithm;

    /** @param relu the ReLU to apply in place, or null */
    ConvStage(StageSpec spec, CudaDevice device, cudnnTensorDescriptor inputDescriptor,
              cudnnTensorDescriptor outputDescriptor, DeviceBuffer output, DeviceWeights.Convolution weights,
              cudnnConvolutionDescriptor convolution, cudnnActivationDescriptor relu, GrowingBuffer workspace) {
        super(spec, device, inputDescriptor, outputDescriptor, output);
        this.weights = weights;
        this.convolution = convolution;
        this.relu = relu;
        this.workspace = workspace;
    }

    /** Chooses the forward algorithm (measured once per shape on this device) on the current {@link #input}. */
    @Override
    void prepareForward(AlgorithmSearch search) {
        if (forwardAlgorithm != null) {
            return;
        }
        forwardAlgorithm = device.algorithms.get(key(AlgorithmCache.Direction.FORWARD), () -> search.forward(
                new AlgorithmSearch.Forward(inputDescriptor, input, weights.filter(), weights.kernel().pointer(),
                        convolution, outputDescriptor, output.pointer()), what()));
        workspace.ensure(forwardAlgorithm.workspaceBytes());
    }

    @Override
    void forward() {
        device.status.cudnn(JCudnn.cudnnConvolutionForward(device.cudnn, ONE, inputDescriptor, input, weights.filter(),
                weights.kernel().pointer(), convolution, forwardAlgorithm.algorithm(), workspace.pointer(),
                workspace.bytes(), ZERO, outputDescriptor, output.pointer()),
                "cudnnConvolutionForward(" + what() + ")");
        device.status.cudnn(JCudnn.cudnnAddTensor(device.cudnn, ONE, weights.biasDescriptor(), weights.bias().pointer(),
                ONE, outputDescriptor, output.pointer()), "cudnnAddTensor(" + what() + " bias)");
        if (relu != null) {
            device.status.cudnn(JCudnn.cudnnActivationForward(device.cudnn, relu, ONE, outputDescriptor,
                    output.pointer(), ZERO, outputDescriptor, output.pointer()),
                    "cudnnActivationForward(" + what() + ")");
        }
    }

    @Override
    void prepareBackward(AlgorithmSearch search, Pointer outputGradient, Pointer inputGradient) {
        backwardAlgorithm = device.algorithms.get(key(AlgorithmCache.Direction.BACKWARD_DATA), () ->
                search.backwardData(new AlgorithmSearch.BackwardData(weights.filter(), weights.kernel().pointer(),
                        outputDescriptor, outputGradient, convolution, inputDescriptor, inputGradient), what()));
        workspace.ensure(backwardAlgorithm.workspaceBytes());
    }

    @Override
    void backward(Pointer outputGradient, Pointer inputGradient) {
        if (relu != null) {
            // The ReLU's output stands in for its input: both are positive at the same places.
            device.status.cudnn(JCudnn.cudnnActivationBackward(device.cudnn, relu, ONE, outputDescriptor,
                    output.pointer(), outputDescriptor, outputGradient, outputDescriptor, output.pointer(), ZERO,
                    outputDescriptor, outputGradient), "cudnnActivationBackward(" + spec.layer().id() + ")");
        }
        device.status.cudnn(JCudnn.cudnnConvolutionBackwardData(device.cudnn, ONE, weights.filter(),
                weights.kernel().pointer(), outputDescriptor, outputGradient, convolution,
                backwardAlgorithm.algorithm(), workspace.pointer(), workspace.bytes(), ZERO, inputDescriptor,
                inputGradient), "cudnnConvolutionBackwardData(" + what() + ")");
    }

    private AlgorithmCache.Key key(AlgorithmCache.Direction direction) {
        return new AlgorithmCache.Key(direction, spec.input().channels(), spec.output().channels(),
                spec.input().height(), spec.input().width());
    }

    private String what() {
        return spec.convolution().id() + " on " + spec.input();
    }
}
