package dev.backprop.conformance.selftest;

import dev.backprop.conformance.BackendConformance;
import dev.backprop.conformance.reference.ReferenceBackend;
import dev.backprop.spi.BackendProvider;

/** The kit passes its own reference backend. */
class ReferenceBackendConformanceTest extends BackendConformance {

    @Override
    protected BackendProvider provider() {
        return ReferenceBackend.provider();
    }
}
