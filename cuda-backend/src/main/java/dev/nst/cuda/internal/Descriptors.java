package dev.nst.cuda.internal;

import dev.nst.core.backend.Resources;
import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnActivationDescriptor;
import jcuda.jcudnn.cudnnActivationMode;
import jcuda.jcudnn.cudnnConvolutionDescriptor;
import jcuda.jcudnn.cudnnConvolutionMode;
import jcuda.jcudnn.cudnnDataType;
import jcuda.jcudnn.cudnnFilterDescriptor;
import jcuda.jcudnn.cudnnNanPropagation;
import jcuda.jcudnn.cudnnPoolingDescriptor;
import jcuda.jcudnn.cudnnPoolingMode;
import jcuda.jcudnn.cudnnTensorDescriptor;
import jcuda.jcudnn.cudnnTensorFormat;

/**
 * Creates the cuDNN descriptors of the network (float32, NCHW with a batch of one), each owned by the given
 * resources and destroyed with them.
 */
final class Descriptors {

    private final Status status;
    private final Resources owner;

    Descriptors(Status status, Resources owner) {
        this.status = status;
        this.owner = owner;
    }

    /** A {@code 1 x C x H x W} float tensor. */
    cudnnTensorDescriptor tensor(Shape shape) {
        cudnnTensorDescriptor descriptor = new cudnnTensorDescriptor();
        status.cudnn(JCudnn.cudnnCreateTensorDescriptor(descriptor), "cudnnCreateTensorDescriptor");
        owner.own(() -> status.cudnn(JCudnn.cudnnDestroyTensorDescriptor(descriptor), "cudnnDestroyTensorDescriptor"));
        status.cudnn(JCudnn.cudnnSetTensor4dDescriptor(descriptor, cudnnTensorFormat.CUDNN_TENSOR_NCHW,
                cudnnDataType.CUDNN_DATA_FLOAT, 1, shape.channels(), shape.height(), shape.width()),
                "cudnnSetTensor4dDescriptor(" + shape + ")");
        return descriptor;
    }

    /** The {@code 1 x C x 1 x 1} shape of a convolution's bias, broadcast over the output by {@code cudnnAddTensor}. */
    cudnnTensorDescriptor bias(ConvWeights conv) {
        return tensor(new Shape(conv.outChannels(), 1, 1));
    }

    /** The {@code out x in x 3 x 3} kernel (OIHW, as {@link ConvWeights} holds it). */
    cudnnFilterDescriptor filter(ConvWeights conv) {
        cudnnFilterDescriptor descriptor = new cudnnFilterDescriptor();
        status.cudnn(JCudnn.cudnnCreateFilterDescriptor(descriptor), "cudnnCreateFilterDescriptor");
        owner.own(() -> status.cudnn(JCudnn.cudnnDestroyFilterDescriptor(descriptor), "cudnnDestroyFilterDescriptor"));
        status.cudnn(JCudnn.cudnnSetFilter4dDescriptor(descriptor, cudnnDataType.CUDNN_DATA_FLOAT,
                cudnnTensorFormat.CUDNN_TENSOR_NCHW, conv.outChannels(), conv.inChannels(), 3, 3),
                "cudnnSetFilter4dDescriptor(" + conv.layer().id() + ")");
        return descriptor;
    }

    /**
     * VGG's convolution: 3x3, padding 1, stride 1, no dilation, cross-correlation (no kernel flip, as the weights
     * were trained), float32 accumulation, and the precision's math type ({@link MathModes}).
     */
    cudnnConvolutionDescriptor convolution(int mathType) {
        cudnnConvolutionDescriptor descriptor = new cudnnConvolutionDescriptor();
        status.cudnn(JCudnn.cudnnCreateConvolutionDescriptor(descriptor), "cudnnCreateConvolutionDescriptor");
        owner.own(() -> status.cudnn(JCudnn.cudnnDestroyConvolutionDescriptor(descriptor),
                "cudnnDestroyConvolutionDescriptor"));
        status.cudnn(JCudnn.cudnnSetConvolution2dDescriptor(descriptor, 1, 1, 1, 1, 1, 1,
                cudnnConvolutionMode.CUDNN_CROSS_CORRELATION, cudnnDataType.CUDNN_DATA_FLOAT),
                "cudnnSetConvolution2dDescriptor");
        status.cudnn(JCudnn.cudnnSetConvolutionMathType(descriptor, mathType), "cudnnSetConvolutionMathType");
        return descriptor;
    }

    /** ReLU; a NaN stays NaN, so a diverging optimisation shows as a non-finite loss. */
    cudnnActivationDescriptor relu() {
        cudnnActivationDescriptor descriptor = new cudnnActivationDescriptor();
        status.cudnn(JCudnn.cudnnCreateActivationDescriptor(descriptor), "cudnnCreateActivationDescriptor");
        owner.own(() -> status.cudnn(JCudnn.cudnnDestroyActivationDescriptor(descriptor),
                "cudnnDestroyActivationDescriptor"));
        status.cudnn(JCudnn.cudnnSetActivationDescriptor(descriptor, cudnnActivationMode.CUDNN_ACTIVATION_RELU,
                cudnnNanPropagation.CUDNN_PROPAGATE_NAN, 0.0), "cudnnSetActivationDescriptor");
        return descriptor;
    }

    /**
     * 2x2 windows, stride 2, no padding (an odd last row or column is dropped, as in VGG). Max pooling uses cuDNN's
     * deterministic mode; average pooling divides by 4.
     */
    cudnnPoolingDescriptor pooling(Pooling pooling) {
        cudnnPoolingDescriptor descriptor = new cudnnPoolingDescriptor();
        status.cudnn(JCudnn.cudnnCreatePoolingDescriptor(descriptor), "cudnnCreatePoolingDescriptor");
        owner.own(() -> status.cudnn(JCudnn.cudnnDestroyPoolingDescriptor(descriptor),
                "cudnnDestroyPoolingDescriptor"));
        int mode = pooling == Pooling.MAX ? cudnnPoolingMode.CUDNN_POOLING_MAX_DETERMINISTIC
                : cudnnPoolingMode.CUDNN_POOLING_AVERAGE_COUNT_EXCLUDE_PADDING;
        status.cudnn(JCudnn.cudnnSetPooling2dDescriptor(descriptor, mode, cudnnNanPropagation.CUDNN_PROPAGATE_NAN,
                2, 2, 0, 0, 2, 2), "cudnnSetPooling2dDescriptor");
        return descriptor;
    }
}
