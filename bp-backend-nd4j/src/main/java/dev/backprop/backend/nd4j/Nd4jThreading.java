package dev.backprop.backend.nd4j;

import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How ND4J spreads ops over threads, applied when the backend is created. ND4J's own defaults split
 * every element-wise op above 1,024 elements across its OpenMP threads, so the small ops of a
 * training step (a 128×256 bias add or ReLU) pay for waking threads; above
 * {@link #elementwiseThreshold} elements an op runs multi-threaded, below it on the calling thread.
 * GEMM keeps OpenBLAS's threads ({@link #blasThreads}). Each setting can be overridden with a system
 * property {@code backprop.nd4j.<name>}; 0 for a thread count keeps ND4J's default.
 *
 * @param elementwiseThreshold elements from which an element-wise op is split across threads
 *     ({@code Environment.setElementwiseThreshold}; ND4J's default is 1,024)
 * @param tadThreshold sub-arrays (rows of a row-wise reduction) from which a reduction is split
 *     ({@code Environment.setTadThreshold}; ND4J's default is 1)
 * @param maxThreads OpenMP threads of ND4J's own ops, 0 = ND4J's default (the core count)
 * @param blasThreads OpenBLAS threads for GEMM, 0 = ND4J's default (the core count)
 */
record Nd4jThreading(int elementwiseThreshold, int tadThreshold, int maxThreads, int blasThreads) {

    /** The prefix of the system properties that override a setting. */
    static final String PROPERTY_PREFIX = "backprop.nd4j.";

    /**
     * The defaults: element-wise ops single-threaded up to 256 Ki elements (a 128×2048 activation) and
     * row-wise reductions up to 64 rows, the thread counts left to ND4J.
     */
    static final Nd4jThreading DEFAULTS = new Nd4jThreading(1 << 18, 64, 0, 0);

    /** @throws IllegalArgumentException if a threshold is below 1 or a thread count below 0 */
    Nd4jThreading {
        if (elementwiseThreshold < 1 || tadThreshold < 1) {
            throw new IllegalArgumentException("ND4J thresholds must be at least 1, got elementwiseThreshold="
                    + elementwiseThreshold + ", tadThreshold=" + tadThreshold);
        }
        if (maxThreads < 0 || blasThreads < 0) {
            throw new IllegalArgumentException("ND4J thread counts must be at least 0 (0 keeps ND4J's default), got "
                    + "maxThreads=" + maxThreads + ", blasThreads=" + blasThreads);
        }
    }

    /** {@link #DEFAULTS} with the overrides among {@code properties} ({@code backprop.nd4j.elementwiseThreshold}, ...). */
    static Nd4jThreading from(Function<String, String> properties) {
        return new Nd4jThreading(
                read(properties, "elementwiseThreshold", DEFAULTS.elementwiseThreshold),
                read(properties, "tadThreshold", DEFAULTS.tadThreshold),
                read(properties, "maxThreads", DEFAULTS.maxThreads),
                read(properties, "blasThreads", DEFAULTS.blasThreads));
    }

    /** {@link #from} the system properties. */
    static Nd4jThreading fromSystemProperties() {
        return from(System::getProperty);
    }

    private static int read(Function<String, String> properties, String name, int fallback) {
        String value = properties.apply(PROPERTY_PREFIX + name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + PROPERTY_PREFIX + name
                    + " must be a whole number, got '" + value + "'", e);
        }
    }

    /** Sets ND4J's process-wide thresholds and thread counts. */
    void apply() {
        Environment environment = Nd4j.getEnvironment();
        environment.setElementwiseThreshold(elementwiseThreshold);
        environment.setTadThreshold(tadThreshold);
        if (maxThreads > 0) {
            environment.setMaxThreads(maxThreads);
            environment.setMaxMasterThreads(maxThreads);
        }
        if (blasThreads > 0) {
            Nd4j.factory().blas().setMaxThreads(blasThreads);
        }
    }

    /** What ND4J runs with now, for logs and benchmark tables. */
    static Map<String, Integer> current() {
        Environment environment = Nd4j.getEnvironment();
        return Map.of("elementwiseThreshold", environment.elementwiseThreshold(), "tadThreshold",
                environment.tadThreshold(), "maxThreads", environment.maxThreads(), "blasThreads",
                Nd4j.factory().blas().getMaxThreads());
    }
}
