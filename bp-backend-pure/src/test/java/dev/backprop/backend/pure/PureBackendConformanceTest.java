package dev.backprop.backend.pure;

import dev.backprop.conformance.BackendConformance;
import dev.backprop.spi.BackendProvider;

class PureBackendConformanceTest extends BackendConformance {

    @Override
    protected BackendProvider provider() {
        return new PureBackendProvider();
    }

    /** Its kernels work in arrays it owns; its checks build no message unless they fail. */
    @Override
    protected boolean allocationFreeSteps() {
        return true;
    }
}
