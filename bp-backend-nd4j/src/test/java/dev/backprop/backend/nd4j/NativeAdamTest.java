package dev.backprop.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.spi.AdamStep;
import dev.backprop.spi.Backend;
import dev.backprop.spi.ComposedOps;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * When the ND4J backend runs Adam as libnd4j's {@code adam_updater} and when it composes it; the
 * conformance kit checks the values of both against the reference.
 */
class NativeAdamTest {

    @Test
    void usualBetasRunNatively() {
        AdamStep step = new AdamStep(1e-3, 0.9, 0.999, 1e-8, 1);
        assertTrue(NativeAdam.applies(step, DataType.FLOAT));
        assertTrue(NativeAdam.applies(step, DataType.DOUBLE));
        assertTrue(NativeAdam.applies(new AdamStep(1e-3, 0, 0.99999, 1e-8, 7), DataType.FLOAT));
    }

    @Test
    void aBetaTooCloseToOneIsComposed() {
        AdamStep step = new AdamStep(1e-3, 0.9, 1 - 1e-9, 1e-8, 1);
        assertFalse(NativeAdam.applies(step, DataType.FLOAT), "1 - 1e-9 is 1 in float32");
        assertFalse(NativeAdam.applies(step, DataType.DOUBLE), "(1 - 1e-9)^1e9 is e^-1, not 0");
    }

    /** The fallback is the composition itself: the same numbers, bit for bit. */
    @Test
    void theFallbackIsTheComposition() {
        Backend backend = new Nd4jBackend();
        AdamStep step = new AdamStep(1e-2, 0.9, 1 - 1e-9, 1e-8, 3);
        double[] values = {0.5, -1.25, 2, 0.125, -3, 1};
        double[] gradients = {0.1, -0.2, 0.3, -0.4, 0.05, 0};
        double[][] results = new double[2][];
        for (int run = 0; run < 2; run++) {
            try (Tensor param = backend.fromArray(DType.FLOAT32, 2, 3, values);
                    Tensor gradient = backend.fromArray(DType.FLOAT32, 2, 3, gradients);
                    Tensor m = backend.allocate(DType.FLOAT32, 2, 3);
                    Tensor v = backend.allocate(DType.FLOAT32, 2, 3);
                    Tensor scratch = backend.allocate(DType.FLOAT32, 2, 3)) {
                if (run == 0) {
                    backend.adamUpdate(param, gradient, m, v, scratch, step);
                } else {
                    ComposedOps.adamUpdate(backend, param, gradient, m, v, scratch, step);
                }
                results[run] = backend.toArray(param);
            }
        }
        assertArrayEquals(results[1], results[0]);
    }
}
