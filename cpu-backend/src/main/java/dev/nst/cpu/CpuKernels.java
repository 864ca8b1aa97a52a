package dev.nst.cpu;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.util.Set;

/** A kernel library the CPU backend runs on: oneDNN, or plain Java where oneDNN cannot load. */
interface CpuKernels extends AutoCloseable {

    /** For users: library, version, instruction set. */
    String description();

    Allocator allocator();

    Gemm gemm();

    CpuNetwork network(CpuSession session, Vgg19Weights weights, Pooling pooling, Set<VggLayer> outputs);

    @Override
    void close();
}
