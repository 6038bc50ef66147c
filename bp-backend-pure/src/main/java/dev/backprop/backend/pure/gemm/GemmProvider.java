package dev.backprop.backend.pure.gemm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * Chooses the pure backend's GEMM once per process, the way Apache Lucene's
 * {@code VectorizationProvider} chooses its vectorized code: when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} the micro-kernel is written with the Vector API,
 * otherwise it is scalar, and one log line says how to enable the vector path. The class that uses
 * the Vector API is only loaded when the module is present. Both choose the same packing and
 * blocking, so they differ only in summation order within a tile.
 */
public abstract class GemmProvider {

    /** The module whose presence selects the vector kernels. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final System.Logger LOG = System.getLogger(GemmProvider.class.getName());

    GemmProvider() {
    }

    /** The provider this process uses. */
    public static GemmProvider get() {
        return Holder.INSTANCE;
    }

    /** The float64 GEMM. */
    public abstract Gemm<double[]> float64();

    /** The float32 GEMM. */
    public abstract Gemm<float[]> float32();

    /** {@link Gemm#gemm} in float64, through {@link #float64()}. */
    public final void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, double[] a,
            double[] b, double beta, double[] c) {
        float64().gemm(transposeA, transposeB, m, n, k, alpha, a, b, beta, c);
    }

    /** {@link Gemm#gemm} in float32, through {@link #float32()}. */
    public final void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, float[] a,
            float[] b, double beta, float[] c) {
        float32().gemm(transposeA, transposeB, m, n, k, alpha, a, b, beta, c);
    }

    /** Whether the micro-kernels use the Vector API. */
    public abstract boolean vectorized();

    /** One line for logs and benchmark tables: which kernel and which tile. */
    public abstract String describe();

    /** A provider with the scalar micro-kernels, whatever the JVM offers (for tests and comparisons). */
    public static GemmProvider scalar() {
        return new ScalarGemmProvider();
    }

    /**
     * A provider with the Vector API micro-kernels, if this JVM has {@value #VECTOR_MODULE} and
     * vectors of at least 128 bits.
     */
    public static Optional<GemmProvider> vector() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return Optional.empty();
        }
        try {
            var lookup = MethodHandles.lookup();
            var type = lookup.findClass(GemmProvider.class.getPackageName() + ".VectorGemmProvider");
            var constructor = lookup.findConstructor(type, MethodType.methodType(void.class));
            return Optional.of((GemmProvider) constructor.invoke());
        } catch (UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.INFO, "The pure backend's GEMM runs scalar: {0}", e.getMessage());
            return Optional.empty();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create the vector GEMM", e);
        }
    }

    private static GemmProvider lookup() {
        Optional<GemmProvider> vector = vector();
        if (vector.isPresent()) {
            LOG.log(System.Logger.Level.DEBUG, "The pure backend''s GEMM: {0}", vector.get().describe());
            return vector.get();
        }
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "The pure backend's GEMM runs its scalar kernel; for the vectorized "
                    + "one (several times faster) start Java with --add-modules " + VECTOR_MODULE);
        }
        return new ScalarGemmProvider();
    }

    private static final class Holder {
        static final GemmProvider INSTANCE = lookup();
    }
}
