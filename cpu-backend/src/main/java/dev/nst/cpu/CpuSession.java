package dev.nst.cpu;

import dev.nst.core.backend.OwningScope;
import dev.nst.core.backend.PlannedNetwork;
import dev.nst.core.domain.Hint;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.OptimizerKernels;
import dev.nst.core.port.out.Tensor;
import java.util.ArrayList;
import java.util.List;

/** One transfer's tensors, scopes and networks; closing it frees every one of them. */
final class CpuSession extends OwningScope implements ComputeSession {

    /** The most values one tensor holds: Java buffers and arrays are indexed by {@code int}. */
    static final long MAX_TENSOR_ELEMENTS = Integer.MAX_VALUE;
    static final String BACKEND = "the cpu backend";

    private final CpuKernels kernels;
    private final CpuOptimizerKernels vectors;
    private final CpuLossKernels losses;
    private final List<PlannedNetwork> networks = new ArrayList<>();

    CpuSession(CpuKernels kernels, Parallel parallel) {
        this(kernels, parallel, new CpuAllocation(kernels.allocator()));
    }

    private CpuSession(CpuKernels kernels, Parallel parallel, CpuAllocation allocation) {
        super(allocation);
        this.kernels = kernels;
        this.vectors = new CpuOptimizerKernels(parallel);
        this.losses = new CpuLossKernels(parallel, kernels.gemm(), vectors, allocation);
    }

    @Override
    public FeatureNetwork network(Vgg19Weights weights, Pooling pooling, java.util.Set<VggLayer> outputs) {
        PlannedNetwork network = new PlannedNetwork(weights, outputs, kernels.network(this, weights, pooling));
        networks.add(network);
        return network;
    }

    @Override
    public LossKernels losses() {
        return losses;
    }

    @Override
    public OptimizerKernels optimizer() {
        return vectors;
    }

    static TransferFailedException outOfMemory(long bytes, Throwable cause) {
        return TransferFailedException.outOfMemory("not enough memory: could not allocate " + (bytes >> 20)
                + " MiB more", cause);
    }

    @Override
    public void close() {
        try {
            networks.forEach(PlannedNetwork::close);
            networks.clear();
            losses.close();
        } finally {
            super.close();
        }
    }

    /** Zero-filled off-heap tensors, within the element limit. */
    static final class CpuAllocation implements OwningScope.Allocation {
        private final Allocator allocator;

        CpuAllocation(Allocator allocator) {
            this.allocator = allocator;
        }

        @Override
        public Tensor allocate(Shape shape, boolean zeroed, OwningScope owner) {
            return new CpuTensor(shape, block(shape), owner);
        }

        /** A zero-filled block for {@code shape}'s elements. */
        Allocator.Block block(Shape shape) {
            return block(shape.size(), shape.toString());
        }

        Allocator.Block block(long floats, String what) {
            if (floats > MAX_TENSOR_ELEMENTS) {
                throw new TransferFailedException(BACKEND + " holds at most " + MAX_TENSOR_ELEMENTS + " values in one"
                        + " tensor, but " + what + " has " + floats, List.of(Hint.reduceSize()));
            }
            try {
                return allocator.allocate((int) floats);
            } catch (OutOfMemoryError e) {
                throw outOfMemory(floats * Float.BYTES, e);
            }
        }

        @Override
        public void write(Tensor tensor, float[] values) {
            CpuTensor.of(tensor).data().put(0, values);
        }
    }
}
