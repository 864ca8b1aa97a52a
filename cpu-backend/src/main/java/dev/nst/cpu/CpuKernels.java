package dev.nst.cpu;

import dev.nst.core.backend.NetworkKernels;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Vgg19Weights;

/** A kernel library the CPU backend runs on: oneDNN, or plain Java where oneDNN cannot load. */
interface CpuKernels extends AutoCloseable {

    /** For users: library, version, instruction set. */
    String description();

    Allocator allocator();

    Gemm gemm();

    /** The network's kernels on {@code weights}, allocating what they publish in {@code session}. */
    NetworkKernels network(CpuSession session, Vgg19Weights weights, Pooling pooling);

    @Override
    void close();
}
