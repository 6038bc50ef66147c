package dev.backprop.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingDivergedException;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error, and training never hands back NaN weights. */
public abstract class ErrorChecks {

    private final BackendConformance kit;

    /** For the kit's nested class. */
    protected ErrorChecks(BackendConformance kit) {
        this.kit = kit;
    }

    private Backend backend() {
        return kit.backend();
    }

    private static void assertMessageContains(Throwable error, String... parts) {
        for (String part : parts) {
            assertTrue(error.getMessage() != null && error.getMessage().contains(part),
                    () -> "message should contain '" + part + "': " + error.getMessage());
        }
    }

    private void assertDivergenceStopsTraining(double learningRate, double[][] x, double[][] t) {
        try (Sequential model = Sequential.builder().input(1).dense(1).backend(backend()).seed(1).build();
                Loss loss = Loss.mse();
                Optimizer optimizer = Optimizer.gradientDescent(learningRate)) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> Trainer.builder().loss(loss).optimizer(optimizer).epochs(10_000).batchSize(x.length).build()
                            .fit(model, Dataset.of(x, t)));
            assertMessageContains(e, "diverged", "epoch " + e.epoch(), "restored");
            for (double v : Networks.parameterValues(model)) {
                assertTrue(Double.isFinite(v), "parameter not finite after divergence: " + v);
            }
        }
    }

    @Test
    @DisplayName("a diverging learning rate stops training with finite weights")
    void divergingLearningRate() {
        assertDivergenceStopsTraining(10, new double[][] {{1}, {2}, {3}}, new double[][] {{2}, {4}, {6}});
    }

    @Test
    @DisplayName("an input so large that the loss overflows stops training, parameters as before")
    void overflowingLoss() {
        try (Sequential model = Sequential.builder().input(1).dense(1).backend(backend()).seed(1).build();
                Loss loss = Loss.mse();
                Optimizer optimizer = Optimizer.gradientDescent(0.1)) {
            double[] before = Networks.parameterValues(model);
            Supplier<Trainer> trainer = () -> Trainer.builder().loss(loss).optimizer(optimizer).epochs(2).build();
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.get().fit(model, Dataset.of(new double[][] {{1e200}}, new double[][] {{0}})));
            assertEquals(1, e.epoch());
            assertEquals(1, e.batch());
            assertArrayEquals(before, Networks.parameterValues(model), 0.0);
        }
    }

    @Test
    @DisplayName("a parameter set to NaN is rejected and the old values stay")
    void nanParameter() {
        try (Sequential model = Sequential.builder().input(2).dense(1, Activation.sigmoid()).backend(backend())
                .build()) {
            double[] before = model.parameters().get(0).values();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.parameters().get(0).set(new double[] {1, Double.NaN}));
            assertMessageContains(e, "dense_1.W", "[1][0]");
            assertArrayEquals(before, model.parameters().get(0).values(), 0.0);
        }
    }

    @Test
    @DisplayName("a closed tensor cannot be used")
    void closedTensor() {
        Tensor t = backend().allocate(DType.FLOAT64, 2, 2);
        t.close();
        t.close();
        assertThrows(IllegalStateException.class, () -> backend().fill(1, t));
    }
}
