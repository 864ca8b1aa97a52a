package dev.nst.cuda.internal;

import dev.nst.core.backend.NetworkLayout;
import dev.nst.core.backend.SpeedProbe;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Widths;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.BackendCapacity;
import dev.nst.cuda.AlgorithmChoice;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the CUDA backend holds on its GPU: every step's activation (dense NCHW float32; the requested outputs are views
 * of them), for the backward pass the two gradient arenas, and one convolution workspace per session, at most a quarter
 * of the free memory and 1 GiB ({@link AlgorithmChoice#workspaceLimit}); the weights once. On the host it adds the CUDA
 * context and the cuDNN and cuBLAS libraries. These figures follow the code; they have not been measured on a GPU.
 */
final class CudaCapacity implements BackendCapacity {

    /** Host memory of the CUDA runtime, context and libraries once loaded (an estimate, unverified on a GPU). */
    static final long CONTEXT_HOST_BYTES = 768L << 20;
    /** The most values a cuDNN tensor descriptor addresses. */
    static final long MAX_TENSOR_ELEMENTS = Integer.MAX_VALUE;

    private final Supplier<SpeedProbe.Speeds> speeds;

    CudaCapacity(Supplier<SpeedProbe.Speeds> speeds) {
        this.speeds = speeds;
    }

    @Override
    public boolean tensorsOnDevice() {
        return true;
    }

    @Override
    public long weightsBytes(Vgg19Widths widths, VggLayer deepest) {
        return widths.parametersUpTo(deepest) * Float.BYTES;
    }

    @Override
    public long networkBytes(Vgg19Widths widths, Set<VggLayer> outputs, Shape input, boolean backward) {
        NetworkLayout layout = NetworkLayout.of(widths, outputs, input);
        long bytes = layout.activationBytes() + AlgorithmChoice.workspaceLimit(Status.freeAndTotal()[0]);
        return backward ? bytes + layout.arenaBytes() : bytes;
    }

    /** The position-weighted copy of the features and the symmetrised Gram gradient, in the session's scratch. */
    @Override
    public long weightedGramScratchBytes(Shape features) {
        return (features.size() + (long) features.channels() * features.channels()) * Float.BYTES;
    }

    @Override
    public long hostOverheadBytes() {
        return CONTEXT_HOST_BYTES;
    }

    @Override
    public long maxTensorElements() {
        return MAX_TENSOR_ELEMENTS;
    }

    @Override
    public OptionalLong freeDeviceBytes() {
        return OptionalLong.of(Status.freeAndTotal()[0]);
    }

    @Override
    public double flopsPerSecond() {
        return speeds.get().flopsPerSecond();
    }

    @Override
    public double bytesPerSecond() {
        return speeds.get().bytesPerSecond();
    }
}
