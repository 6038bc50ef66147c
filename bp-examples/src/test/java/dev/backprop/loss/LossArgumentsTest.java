package dev.backprop.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import org.junit.jupiter.api.Test;

/** Issue 13, item 9: losses refuse inputs on which they would silently learn nothing or report nonsense. */
class LossArgumentsTest {

    private static final Backend BACKEND = Backends.get("pure");

    private static Tensor tensor(double[][] values) {
        double[] flat = java.util.Arrays.stream(values).flatMapToDouble(java.util.Arrays::stream).toArray();
        return BACKEND.fromArray(DType.FLOAT64, values.length, values[0].length, flat);
    }

    @Test
    void softmaxCrossEntropyNeedsAtLeastTwoOutputs() {
        try (Loss loss = Loss.softmaxCrossEntropy(); Tensor logits = tensor(new double[][] {{0.3}, {-2}});
                Tensor targets = tensor(new double[][] {{1}, {0}})) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> loss.forward(BACKEND, logits, targets)).getMessage();
            assertTrue(message.contains("softmax_cross_entropy") && message.contains("at least 2 outputs")
                    && message.contains("binary_cross_entropy"), message);
        }
    }

    @Test
    void binaryCrossEntropyNeedsTargetsInZeroToOne() {
        try (Loss loss = Loss.binaryCrossEntropy(); Tensor predictions = tensor(new double[][] {{0.3}, {0.9}})) {
            for (double bad : new double[] {-0.5, 1.5, Double.NaN}) {
                try (Tensor targets = tensor(new double[][] {{1}, {bad}})) {
                    String message = assertThrows(IllegalArgumentException.class,
                            () -> loss.forward(BACKEND, predictions, targets), "target " + bad).getMessage();
                    assertTrue(message.contains("binary_cross_entropy") && message.contains("[0, 1]"), message);
                }
            }
            try (Tensor targets = tensor(new double[][] {{1}, {0.25}})) {
                double expected = -(Math.log(0.3) + 0.25 * Math.log(0.9) + 0.75 * Math.log(0.1)) / 2;
                assertEquals(expected, loss.forward(BACKEND, predictions, targets), 1e-12);
            }
        }
    }
}
