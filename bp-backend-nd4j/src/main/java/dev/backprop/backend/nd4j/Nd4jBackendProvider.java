package dev.backprop.backend.nd4j;

import dev.backprop.spi.Availability;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BackendProvider;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Registers the {@link Nd4jBackend}. Constructing the provider touches no ND4J class; the
 * availability check loads ND4J (its native library and BLAS) and runs one tiny op, so a missing or
 * broken native library makes the provider unavailable with the cause, instead of an error thrown
 * at the user. ND4J itself falls back from its CUDA to its CPU build when both are present and no
 * GPU can be used; {@link #description()} then says which one runs.
 */
public final class Nd4jBackendProvider implements BackendProvider {

    /** Above EJML and pure: adding this jar switches an application to native BLAS. */
    public static final int PRIORITY = 300;

    private static final String UNSAFE_MODULE = "jdk.unsupported";

    private Availability availability;

    @Override
    public String name() {
        return Nd4jBackend.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public String description() {
        if (availability != null && availability.available()) {
            return "ND4J INDArrays, native " + Nd4j.getExecutioner().getEnvironmentInformation().get("backend")
                    + " backend with " + Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor");
        }
        return "ND4J INDArrays (native BLAS on the CPU, CUDA with nd4j-cuda)";
    }

    @Override
    public String libraryVersion() {
        String version = Nd4j.class.getPackage().getImplementationVersion();
        return "ND4J " + (version != null ? version : "1.0.0-M2.1");
    }

    @Override
    public synchronized Availability availability() {
        if (availability == null) {
            availability = probe();
        }
        return availability;
    }

    private static Availability probe() {
        try {
            Class.forName("org.nd4j.linalg.factory.Nd4j", false, Nd4jBackendProvider.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.unavailable("ND4J (nd4j-api) is not on the class path", e);
        }
        if (ModuleLayer.boot().findModule(UNSAFE_MODULE).isEmpty()) {
            return Availability.unavailable("ND4J needs the JDK module " + UNSAFE_MODULE + " (JavaCPP reads native "
                    + "memory through sun.misc.Unsafe), which a java command whose main class is in a named module does "
                    + "not resolve by itself: add --add-modules " + UNSAFE_MODULE);
        }
        try (INDArray probe = Nd4j.create(DataType.DOUBLE, 1, 1)) {
            probe.addi(1);
            return Availability.ok();
        } catch (Exception | LinkageError e) {
            return Availability.unavailable("ND4J's native library failed to load (add the nd4j-native jar with the "
                    + "classifier of this platform, e.g. linux-x86_64-avx2)", e);
        }
    }

    @Override
    public Backend create() {
        Availability state = availability();
        if (!state.available()) {
            throw new IllegalStateException("ND4J is unavailable: " + state.describe(), state.cause().orElse(null));
        }
        Nd4jThreading.fromSystemProperties().apply();
        return new Nd4jBackend();
    }
}
