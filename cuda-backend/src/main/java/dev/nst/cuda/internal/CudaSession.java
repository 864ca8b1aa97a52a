package dev.nst.cuda.internal;

import dev.nst.core.backend.OwningScope;
import dev.nst.core.backend.PlannedNetwork;
import dev.nst.core.backend.Resources;
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
import java.util.Set;
import jcuda.Pointer;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaMemcpyKind;

/**
 * One transfer's device memory: its tensor scopes (image, targets, gradients, optimiser state), networks, cuDNN
 * workspace and scratch space. Closing it frees all of them.
 */
final class CudaSession extends OwningScope implements ComputeSession {

    /** The most values one tensor holds: cuDNN's tensor descriptors and cuBLAS take {@code int} sizes. */
    static final long MAX_TENSOR_ELEMENTS = Integer.MAX_VALUE;

    private final CudaDevice device;
    private final List<PlannedNetwork> networks = new ArrayList<>();
    private final GrowingBuffer workspace;
    private final Scratch scratch;
    private final CudaOptimizerKernels vectors;
    private final CudaLossKernels losses;

    CudaSession(CudaDevice device) {
        super(new CudaAllocation(device));
        this.device = device;
        device.bind();
        this.workspace = new GrowingBuffer(device);
        this.scratch = new Scratch(device);
        Blas blas = new Blas(device);
        Reductions reductions = new Reductions(device, scratch);
        this.vectors = new CudaOptimizerKernels(device, blas, reductions);
        this.losses = new CudaLossKernels(device, vectors, blas, reductions, scratch);
    }

    @Override
    public FeatureNetwork network(Vgg19Weights weights, Pooling pooling, Set<VggLayer> outputs) {
        PlannedNetwork network = new PlannedNetwork(weights, outputs,
                new CudnnNetworkKernels(device, workspace, weights, pooling));
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

    /**
     * @throws TransferFailedException naming the shape and its element count when a tensor of {@code shape} would hold
     *                                 more than {@link #MAX_TENSOR_ELEMENTS} values
     */
    static void requireAddressable(Shape shape) {
        if (shape.size() > MAX_TENSOR_ELEMENTS) {
            throw new TransferFailedException(CudnnNetworkKernels.BACKEND + " holds at most " + MAX_TENSOR_ELEMENTS
                    + " values in one tensor, but a tensor of " + shape + " has " + shape.size(),
                    List.of(Hint.reduceSize()));
        }
    }

    /** Frees the networks, the workspace and scratch space, then every tensor of every scope. */
    @Override
    public void close() {
        device.bind();
        Resources all = new Resources();
        all.own((AutoCloseable) super::close);
        all.own(scratch);
        all.own(workspace);
        networks.forEach(all::own);
        networks.clear();
        all.close();
    }

    /** Tensors in device memory, within the element limit; zeroed by {@code cudaMemsetAsync} on the stream. */
    private static final class CudaAllocation implements OwningScope.Allocation {
        private final CudaDevice device;

        CudaAllocation(CudaDevice device) {
            this.device = device;
        }

        @Override
        public Tensor allocate(Shape shape, boolean zeroed, OwningScope owner) {
            requireAddressable(shape);
            device.bind();
            DeviceBuffer buffer = device.allocate(shape.size() * Float.BYTES);
            if (zeroed) {
                try {
                    device.status.runtime(JCuda.cudaMemsetAsync(buffer.pointer(), 0, buffer.bytes(), device.stream),
                            "cudaMemsetAsync");
                } catch (RuntimeException e) {
                    buffer.close();
                    throw e;
                }
            }
            return CudaTensor.owned(shape, buffer, device, owner);
        }

        /** A synchronous copy on the legacy default stream: ordered after, and before, the work on the device's stream. */
        @Override
        public void write(Tensor tensor, float[] values) {
            CudaTensor cuda = CudaTensor.of(tensor);
            device.status.runtime(JCuda.cudaMemcpy(cuda.pointer(), Pointer.to(values), cuda.bytes(),
                    cudaMemcpyKind.cudaMemcpyHostToDevice), "cudaMemcpy(host to device)");
        }
    }
}
