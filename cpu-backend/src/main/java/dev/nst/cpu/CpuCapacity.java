package dev.nst.cpu;

import dev.nst.core.backend.NetworkLayout;
import dev.nst.core.backend.SpeedProbe;
import dev.nst.core.backend.StageSpec;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Widths;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.BackendCapacity;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the CPU backend holds, in host memory: every step's activation (oneDNN's blocked layouts take what dense
 * float32 takes for VGG19's widths, all multiples of 16), a plain copy of each requested output, and for the backward
 * pass the two gradient arenas, the image gradient in the first convolution's blocked layout (its three channels
 * padded to {@value #BLOCK}) and the max poolings' workspaces (a byte per output). The weights are kept twice, in the
 * layouts of the forward and the backward kernels. Speeds are measured once, on first use ({@link SpeedProbe}).
 */
final class CpuCapacity implements BackendCapacity {

    /** The channel block of oneDNN's AVX-512 layouts. */
    static final int BLOCK = 16;
    /** Resident memory of the oneDNN library and its thread pool once loaded. */
    static final long ONEDNN_RESIDENT_BYTES = 48L << 20;

    private final Supplier<SpeedProbe.Speeds> speeds;

    CpuCapacity(Supplier<SpeedProbe.Speeds> speeds) {
        this.speeds = speeds;
    }

    @Override
    public boolean tensorsOnDevice() {
        return false;
    }

    @Override
    public long weightsBytes(Vgg19Widths widths, VggLayer deepest) {
        return 2 * widths.parametersUpTo(deepest) * Float.BYTES;
    }

    @Override
    public long networkBytes(Vgg19Widths widths, Set<VggLayer> outputs, Shape input, boolean backward) {
        NetworkLayout layout = NetworkLayout.of(widths, outputs, input);
        long bytes = layout.activationBytes();
        for (VggLayer output : outputs) {
            bytes += layout.stages().get(layout.producerOf(output)).output().size() * Float.BYTES;
        }
        if (backward) {
            bytes += layout.arenaBytes() + input.area() * BLOCK * Float.BYTES;
            for (StageSpec stage : layout.stages()) {
                if (stage.kind() == StageSpec.Kind.POOL) {
                    bytes += stage.output().size();
                }
            }
        }
        return bytes;
    }

    /** The position-weighted copy of the features, and the symmetrised Gram gradient. */
    @Override
    public long weightedGramScratchBytes(Shape features) {
        return (features.size() + (long) features.channels() * features.channels()) * Float.BYTES;
    }

    @Override
    public long hostOverheadBytes() {
        return ONEDNN_RESIDENT_BYTES;
    }

    @Override
    public long maxTensorElements() {
        return CpuSession.MAX_TENSOR_ELEMENTS;
    }

    @Override
    public OptionalLong freeDeviceBytes() {
        return OptionalLong.empty();
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
