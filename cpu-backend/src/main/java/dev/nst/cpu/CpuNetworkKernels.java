package dev.nst.cpu;

import dev.nst.core.backend.NetworkKernels;

/** What both CPU kernel libraries declare about their networks: Java-indexed buffers, and the backend's name. */
abstract class CpuNetworkKernels implements NetworkKernels {

    /** At most {@link CpuSession#MAX_TENSOR_ELEMENTS}: Java buffers and arrays are indexed by {@code int}. */
    @Override
    public final long maxTensorElements() {
        return CpuSession.MAX_TENSOR_ELEMENTS;
    }

    @Override
    public final String description() {
        return CpuSession.BACKEND;
    }
}
