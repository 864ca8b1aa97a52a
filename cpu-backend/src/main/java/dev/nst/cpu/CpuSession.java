package dev.nst.cpu;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.TensorMath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** One transfer's tensors and networks; closing it frees every one of them. */
final class CpuSession implements ComputeSession {

    private final CpuKernels kernels;
    private final CpuMath math;
    private final Set<CpuTensor> tensors = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<CpuNetwork> networks = new ArrayList<>();

    CpuSession(CpuKernels kernels, Parallel parallel) {
        this.kernels = kernels;
        this.math = new CpuMath(this, parallel, kernels.gemm());
    }

    @Override
    public FeatureNetwork network(Vgg19Weights weights, Pooling pooling, Set<VggLayer> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one output layer");
        }
        CpuNetwork network = kernels.network(this, weights, pooling, outputs);
        networks.add(network);
        return network;
    }

    @Override
    public TensorMath math() {
        return math;
    }

    /** A zero-filled tensor owned by this session. */
    CpuTensor allocate(Shape shape) {
        Allocator.Block block;
        try {
            block = kernels.allocator().allocate(shape.size());
        } catch (OutOfMemoryError e) {
            throw outOfMemory((long) shape.size() * Float.BYTES, e);
        }
        CpuTensor tensor = new CpuTensor(shape, block, this);
        tensors.add(tensor);
        return tensor;
    }

    void forget(CpuTensor tensor) {
        tensors.remove(tensor);
    }

    static TransferFailedException outOfMemory(long bytes, Throwable cause) {
        return new TransferFailedException("not enough memory: could not allocate " + (bytes >> 20)
                + " MiB more; try a smaller --size (memory grows with the square of the size)", cause);
    }

    @Override
    public void close() {
        networks.forEach(CpuNetwork::close);
        networks.clear();
        new ArrayList<>(tensors).forEach(CpuTensor::close);
    }
}
