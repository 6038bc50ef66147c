package dev.backprop.backend.nd4j;

import dev.backprop.conformance.BackendConformance;
import dev.backprop.spi.BackendProvider;

class Nd4jBackendConformanceTest extends BackendConformance {

    @Override
    protected BackendProvider provider() {
        return new Nd4jBackendProvider();
    }
}
