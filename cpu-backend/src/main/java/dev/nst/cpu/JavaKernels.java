package dev.nst.cpu;

import dev.nst.core.backend.NetworkKernels;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Vgg19Weights;

/** Plain-Java kernels: run anywhere a JDK runs, an order of magnitude slower than oneDNN. */
final class JavaKernels implements CpuKernels {

    private final Parallel parallel;
    private final JavaGemm gemm;
    private final String reason;

    /** @param reason why oneDNN is not used, shown to users */
    JavaKernels(Parallel parallel, String reason) {
        this.parallel = parallel;
        this.gemm = new JavaGemm(parallel);
        this.reason = reason;
    }

    @Override
    public String description() {
        return "pure-Java kernels (" + reason + ")";
    }

    @Override
    public Allocator allocator() {
        return Allocator.DIRECT;
    }

    @Override
    public Gemm gemm() {
        return gemm;
    }

    @Override
    public NetworkKernels network(CpuSession session, Vgg19Weights weights, Pooling pooling) {
        return new JavaNetworkKernels(parallel, session, weights, pooling);
    }

    @Override
    public void close() {
    }
}
