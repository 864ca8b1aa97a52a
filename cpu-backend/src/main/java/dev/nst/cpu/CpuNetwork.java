package dev.nst.cpu;

import dev.nst.core.port.out.FeatureNetwork;

/** A {@link FeatureNetwork} holding buffers that its session frees. */
interface CpuNetwork extends FeatureNetwork, AutoCloseable {

    @Override
    void close();
}
