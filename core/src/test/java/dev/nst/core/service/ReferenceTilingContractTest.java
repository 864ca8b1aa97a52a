package dev.nst.core.service;

import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.testing.ReferenceBackend;

/** The reference backend meets the tiling contract. */
class ReferenceTilingContractTest extends TilingContractTest {

    @Override
    protected ComputeBackend createBackend() {
        return new ReferenceBackend();
    }
}
