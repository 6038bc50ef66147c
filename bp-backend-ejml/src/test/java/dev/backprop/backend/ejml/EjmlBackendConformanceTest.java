package dev.backprop.backend.ejml;

import dev.backprop.conformance.BackendConformance;
import dev.backprop.spi.BackendProvider;

class EjmlBackendConformanceTest extends BackendConformance {

    @Override
    protected BackendProvider provider() {
        return new EjmlBackendProvider();
    }

    /** Its kernels work in arrays it owns; its checks build no message unless they fail. */
    @Override
    protected boolean allocationFreeSteps() {
        return true;
    }
}
