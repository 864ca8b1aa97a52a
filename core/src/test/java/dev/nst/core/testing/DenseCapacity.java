package dev.nst.core.testing;

import dev.nst.core.backend.NetworkLayout;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Widths;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.BackendCapacity;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The capacity of a test backend whose tensors are dense float32 arrays in host memory: the network's activations and,
 * backward, its two arenas; fixed speeds, so that plans in tests neither measure nor vary.
 */
public final class DenseCapacity implements BackendCapacity {

    private final double flopsPerSecond;
    private final double bytesPerSecond;

    public DenseCapacity() {
        this(1e10, 1e10);
    }

    public DenseCapacity(double flopsPerSecond, double bytesPerSecond) {
        this.flopsPerSecond = flopsPerSecond;
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public boolean tensorsOnDevice() {
        return false;
    }

    @Override
    public long weightsBytes(Vgg19Widths widths, VggLayer deepest) {
        return widths.parametersUpTo(deepest) * Float.BYTES;
    }

    @Override
    public long networkBytes(Vgg19Widths widths, Set<VggLayer> outputs, Shape input, boolean backward) {
        NetworkLayout layout = NetworkLayout.of(widths, outputs, input);
        return layout.activationBytes() + (backward ? layout.arenaBytes() : 0);
    }

    @Override
    public long weightedGramScratchBytes(Shape features) {
        return features.size() * Float.BYTES;
    }

    @Override
    public long hostOverheadBytes() {
        return 0;
    }

    @Override
    public long maxTensorElements() {
        return Integer.MAX_VALUE;
    }

    @Override
    public OptionalLong freeDeviceBytes() {
        return OptionalLong.empty();
    }

    @Override
    public double flopsPerSecond() {
        return flopsPerSecond;
    }

    @Override
    public double bytesPerSecond() {
        return bytesPerSecond;
    }
}
