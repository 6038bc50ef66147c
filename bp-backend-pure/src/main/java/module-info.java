/**
 * The pure-Java backend: found through the {@link dev.backprop.spi.BackendProvider} service, used
 * through the SPI only, so no package is exported.
 */
module dev.backprop.backend.pure {
    requires dev.backprop;
    // Optional: Vector API kernels run only when the JVM has the incubator module (--add-modules jdk.incubator.vector).
    requires static jdk.incubator.vector;

    // internal: dev.backprop.backend.pure (kernels and tensors, reached through the SPI only)
    // internal: dev.backprop.backend.pure.gemm (the packed GEMM behind the kernels)

    provides dev.backprop.spi.BackendProvider with dev.backprop.backend.pure.PureBackendProvider;
}
