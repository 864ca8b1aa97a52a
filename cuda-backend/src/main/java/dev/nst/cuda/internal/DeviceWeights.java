package dev.nst.cuda.internal;

import dev.nst.core.backend.Resources;
import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.util.EnumMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.jcudnn.cudnnFilterDescriptor;
import jcuda.jcudnn.cudnnTensorDescriptor;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaMemcpyKind;

/** The convolutions a network needs, uploaded once: kernels (OIHW), biases and their cuDNN descriptors. */
final class DeviceWeights implements AutoCloseable {

    /** One convolution on the device. */
    record Convolution(ConvWeights weights, DeviceBuffer kernel, DeviceBuffer bias, cudnnFilterDescriptor filter,
                       cudnnTensorDescriptor biasDescriptor) {
    }

    private final Resources resources = new Resources();
    private final Map<VggLayer, Convolution> convolutions = new EnumMap<>(VggLayer.class);

    DeviceWeights(CudaDevice device, Vgg19Weights weights, VggLayer deepest) {
        Descriptors descriptors = new Descriptors(device.status, resources);
        try {
            for (ConvWeights conv : weights.convolutions()) {
                if (!deepest.atOrAfter(conv.layer())) {
                    break;
                }
                DeviceBuffer kernel = resources.own(upload(device, conv.kernel(), conv.layer().id() + " kernel"));
                DeviceBuffer bias = resources.own(upload(device, conv.bias(), conv.layer().id() + " bias"));
                convolutions.put(conv.layer(), new Convolution(conv, kernel, bias, descriptors.filter(conv),
                        descriptors.bias(conv)));
            }
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    Convolution of(VggLayer conv) {
        Convolution convolution = convolutions.get(conv);
        if (convolution == null) {
            throw new IllegalArgumentException(conv.id() + " is not loaded");
        }
        return convolution;
    }

    private static DeviceBuffer upload(CudaDevice device, float[] values, String what) {
        DeviceBuffer buffer = device.allocate((long) values.length * Float.BYTES);
        try {
            device.status.runtime(JCuda.cudaMemcpy(buffer.pointer(), Pointer.to(values), buffer.bytes(),
                    cudaMemcpyKind.cudaMemcpyHostToDevice), "cudaMemcpy(" + what + ")");
        } catch (RuntimeException e) {
            buffer.close();
            throw e;
        }
        return buffer;
    }

    @Override
    public void close() {
        resources.close();
    }
}
