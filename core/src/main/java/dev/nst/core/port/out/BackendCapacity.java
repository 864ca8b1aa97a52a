package dev.nst.core.port.out;

import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Widths;
import dev.nst.core.domain.VggLayer;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a backend tells the memory plan before a transfer runs: where its tensors live, what its network and kernels
 * hold for an input size, what is free, and how fast it computes. The plan adds up the tensors the algorithm allocates
 * itself (the image, the optimiser's vectors, targets, tiles); the backend answers for what only it knows.
 */
public interface BackendCapacity {

    /** Whether a session's tensors live in a device's memory; otherwise in the host's, beside the JVM's own. */
    boolean tensorsOnDevice();

    /** Bytes one tensor of {@code shape} takes. */
    default long tensorBytes(Shape shape) {
        return shape.size() * Float.BYTES;
    }

    /** Bytes a session keeps for the network's weights, up to {@code deepest}, in the backend's own layouts. */
    long weightsBytes(Vgg19Widths widths, VggLayer deepest);

    /**
     * Bytes the network holds for an input of {@code input} computing {@code outputs}: its activations, the outputs
     * it hands out, and with {@code backward} what its backward pass keeps (gradient buffers, workspaces).
     */
    long networkBytes(Vgg19Widths widths, Set<VggLayer> outputs, Shape input, boolean backward);

    /** Scratch the loss kernels keep for a Gram matrix with position weights of features shaped {@code features}. */
    long weightedGramScratchBytes(Shape features);

    /** Host memory the backend holds besides its tensors once it runs: native libraries, a device's context. */
    long hostOverheadBytes();

    /** The most values one tensor may hold. */
    long maxTensorElements();

    /** Device memory free now, where tensors live on a device; empty otherwise. */
    OptionalLong freeDeviceBytes();

    /** The sustained speed of the network's convolutions, in floating-point operations per second. */
    double flopsPerSecond();

    /** The sustained speed of the optimiser's vector arithmetic, in bytes read and written per second. */
    double bytesPerSecond();
}
