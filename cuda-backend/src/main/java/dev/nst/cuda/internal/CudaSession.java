package dev.nst.cuda.internal;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.TensorMath;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jcuda.runtime.JCuda;

/**
 * One transfer's device memory: its tensors (image, targets, gradients, optimiser state), networks, cuDNN workspace
 * and scratch space. Closing it frees all of them.
 */
final class CudaSession implements ComputeSession {

    private final CudaDevice device;
    private final Map<CudaTensor, DeviceBuffer> tensors = new IdentityHashMap<>();
    private final List<CudnnNetwork> networks = new ArrayList<>();
    private final GrowingBuffer workspace;
    private final Scratch scratch;
    private final CudaMath math;

    CudaSession(CudaDevice device) {
        this.device = device;
        device.bind();
        this.workspace = new GrowingBuffer(device);
        this.scratch = new Scratch(device);
        this.math = new CudaMath(this, device, scratch);
    }

    @Override
    public FeatureNetwork network(Vgg19Weights weights, Pooling pooling, Set<VggLayer> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one output layer");
        }
        device.bind();
        CudnnNetwork network = new CudnnNetwork(device, workspace, weights, pooling, outputs);
        networks.add(network);
        return network;
    }

    @Override
    public TensorMath math() {
        return math;
    }

    /** A tensor owned by this session, zero-filled if asked (else its contents are undefined). */
    CudaTensor allocate(Shape shape, boolean zeroed) {
        device.bind();
        DeviceBuffer buffer = device.allocate((long) shape.size() * Float.BYTES);
        if (zeroed) {
            try {
                device.status.runtime(JCuda.cudaMemsetAsync(buffer.pointer(), 0, buffer.bytes(), device.stream),
                        "cudaMemsetAsync");
            } catch (RuntimeException e) {
                buffer.close();
                throw e;
            }
        }
        CudaTensor tensor = CudaTensor.owned(shape, buffer, device, this);
        tensors.put(tensor, buffer);
        return tensor;
    }

    void release(CudaTensor tensor, DeviceBuffer buffer) {
        tensors.remove(tensor);
        device.bind();
        buffer.close();
    }

    @Override
    public void close() {
        device.bind();
        NativeResources all = new NativeResources();
        all.own(workspace);
        all.own(scratch);
        tensors.keySet().forEach(all::own);
        networks.forEach(all::own);
        networks.clear();
        all.close();
    }
}
