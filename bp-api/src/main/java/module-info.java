/**
 * backprop's user API and backend SPI, on the JDK alone.
 *
 * <p>Three doors: the user API (layers in {@code dev.backprop.nn}, losses, optimizers, initializers,
 * training, data, evaluation, gradient checking, and {@link dev.backprop.backend.Backends} to choose a
 * backend); the SPI a backend implements ({@code dev.backprop.spi}); and reusable bases for backend
 * authors ({@code dev.backprop.spi.support}). Backends are found with {@link java.util.ServiceLoader}:
 * on the module path a backend module {@code provides dev.backprop.spi.BackendProvider}, on the class
 * path its jar lists the provider in {@code META-INF/services}.
 *
 * <p>Every package is exported. A package that is deliberately not exported is listed here in a line
 * comment {@code // internal: PACKAGE (why)}; a test fails for a package that is neither.
 */
module dev.backprop {
    exports dev.backprop.backend;
    exports dev.backprop.data;
    exports dev.backprop.eval;
    exports dev.backprop.gradcheck;
    exports dev.backprop.init;
    exports dev.backprop.inspect;
    exports dev.backprop.loss;
    exports dev.backprop.nn;
    exports dev.backprop.numeric;
    exports dev.backprop.optim;
    exports dev.backprop.spi;
    exports dev.backprop.spi.support;
    exports dev.backprop.train;

    uses dev.backprop.spi.BackendProvider;
}
