package dev.backprop.backend.nd4j;

import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How ND4J spreads its ops over threads, applied when the backend is created: ND4J splits an
 * element-wise op above {@link #elementwiseThreshold} elements (its default: 1,024) and a row-wise
 * reduction above {@link #tadThreshold} rows (its default: 1) across its OpenMP threads, and GEMM
 * across OpenBLAS's threads. For the small ops of a training step (a 128×256 bias add or ReLU),
 * waking threads can cost more than the op. Each setting is a system property
 * {@code backprop.nd4j.<name>}; 0, the default, keeps ND4J's own value. On this project's 2-core
 * machine no combination measured (thresholds up to 256 Ki elements and 64 rows, one OpenMP thread)
 * beat ND4J's defaults reproducibly in {@code bp bench train} (README, "Speed, side by side"), so
 * none is changed unless asked.
 *
 * @param elementwiseThreshold elements from which an element-wise op is split across threads
 *     ({@code Environment.setElementwiseThreshold}), 0 = ND4J's default
 * @param tadThreshold sub-arrays (rows of a row-wise reduction) from which a reduction is split
 *     ({@code Environment.setTadThreshold}), 0 = ND4J's default
 * @param maxThreads OpenMP threads of ND4J's own ops, 0 = ND4J's default (the core count)
 * @param blasThreads OpenBLAS threads for GEMM, 0 = ND4J's default (the core count)
 */
record Nd4jThreading(int elementwiseThreshold, int tadThreshold, int maxThreads, int blasThreads) {

    /** The prefix of the system properties that set a value. */
    static final String PROPERTY_PREFIX = "backprop.nd4j.";

    /** ND4J's own values for everything. */
    static final Nd4jThreading DEFAULTS = new Nd4jThreading(0, 0, 0, 0);

    /** @throws IllegalArgumentException if a setting is negative */
    Nd4jThreading {
        if (elementwiseThreshold < 0 || tadThreshold < 0 || maxThreads < 0 || blasThreads < 0) {
            throw new IllegalArgumentException("ND4J threading settings must be at least 0 (0 keeps ND4J's default), "
                    + "got elementwiseThreshold=" + elementwiseThreshold + ", tadThreshold=" + tadThreshold
                    + ", maxThreads=" + maxThreads + ", blasThreads=" + blasThreads);
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
        if (elementwiseThreshold > 0) {
            environment.setElementwiseThreshold(elementwiseThreshold);
        }
        if (tadThreshold > 0) {
            environment.setTadThreshold(tadThreshold);
        }
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
