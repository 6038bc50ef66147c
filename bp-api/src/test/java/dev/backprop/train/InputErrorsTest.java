package dev.backprop.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.loss.ModelLoss;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import dev.backprop.testing.ArrayBackend;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear error from the API, before any backend computes anything. (These checks
 * were in the conformance kit, where they ran once per backend although no backend can fail them.)
 */
class InputErrorsTest {

    private final Backend backend = new ArrayBackend();

    private static void assertMessageContains(Throwable error, String... parts) {
        for (String part : parts) {
            assertTrue(error.getMessage() != null && error.getMessage().contains(part),
                    () -> "message should contain '" + part + "': " + error.getMessage());
        }
    }

    @Test
    void anInputOfTheWrongWidthNamesTheLayerAndBothShapes() {
        try (Sequential model = Sequential.builder().input(2).dense(5).backend(backend).build();
                Tensor x = backend.allocate(DType.FLOAT64, 4, 3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.forward(x, false));
            assertMessageContains(e, "dense_1", "[batch x 2]", "[4 x 3]");
        }
    }

    @Test
    void aDataSetThatDoesNotFitTheModelIsRejectedBeforeTraining() {
        try (Sequential model = Sequential.builder().input(2).dense(1).backend(backend).build();
                Loss loss = Loss.mse();
                Optimizer optimizer = Optimizer.gradientDescent(0.1)) {
            Trainer trainer = Trainer.builder().loss(loss).optimizer(optimizer).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> trainer.fit(model, Dataset.of(new double[][] {{1, 2, 3}}, new double[][] {{1}})));
            assertMessageContains(e, "3 features", "expects 2 inputs");
            e = assertThrows(IllegalArgumentException.class,
                    () -> trainer.fit(model, Dataset.of(new double[][] {{1, 2}}, new double[][] {{1, 2}})));
            assertMessageContains(e, "2 target values", "outputs 1");
        }
    }

    @Test
    void targetsOfTheWrongShapeNameBothShapes() {
        try (Sequential model = Sequential.builder().input(2).dense(3).backend(backend).build();
                Tensor x = backend.allocate(DType.FLOAT64, 4, 2);
                Tensor t = backend.allocate(DType.FLOAT64, 5, 3);
                Loss loss = Loss.mse()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ModelLoss(model, loss).forward(x, t, true));
            assertMessageContains(e, "[4 x 3]", "[5 x 3]");
        }
    }

    @Test
    void nanInTheInputIsRejectedWithItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new double[][] {{0, 1}, {Double.NaN, 1}}, new double[][] {{0}, {1}}));
        assertMessageContains(e, "features [1][0]", "NaN");
        try (Sequential model = Sequential.builder().input(2).dense(1).backend(backend).build()) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> model.predict(new double[][] {{1, Double.POSITIVE_INFINITY}}));
            assertMessageContains(e, "[0][1]", "Infinity");
        }
    }

    @Test
    void anEmptyDataSetIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new double[0][], new double[0][]));
        assertMessageContains(e, "empty");
    }
}
