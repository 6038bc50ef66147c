package dev.backprop.examples.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Process-wide settings of the {@code bp} command line, made before any backend loads. The
 * {@code bp} launcher script also sets {@code OMP_WAIT_POLICY=PASSIVE}, which a running JVM cannot.
 */
final class Launcher {

    /** JavaCPP's system property for its physical-memory check on every native allocation. */
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private static final Logger ND4J_LOGGER = Logger.getLogger("org.nd4j");

    private Launcher() {
    }

    /**
     * Turns off JavaCPP's per-allocation physical-memory check unless the user set it (it reads
     * {@code /proc} on every native allocation; JavaCPP's cheaper {@code maxBytes} limit stays), and
     * keeps ND4J's start-up banner at WARNING.
     */
    static void configure() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        if (System.getProperty("java.util.logging.config.file") == null) {
            ND4J_LOGGER.setLevel(Level.WARNING);
        }
    }
}
