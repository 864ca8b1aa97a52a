package dev.nst.core.testing;

import dev.nst.core.port.out.ComputeBackend;

/** The contract test holds for the reference implementation it is written against. */
class ReferenceBackendContractTest extends BackendContractTest {

    @Override
    protected ComputeBackend createBackend() {
        return new ReferenceBackend();
    }
}
