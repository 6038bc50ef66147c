package dev.backprop.conformance;

import static dev.backprop.conformance.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.conformance.reference.ReferenceBackend;
import dev.backprop.data.Dataset;
import dev.backprop.eval.Evaluation;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.numeric.Tolerance;
import dev.backprop.numeric.Tolerances;
import dev.backprop.optim.Adam;
import dev.backprop.optim.Optimizer;
import dev.backprop.optim.Sgd;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import dev.backprop.train.EarlyStopping;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingHistory;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training on the backend against training on the kit's {@link ReferenceBackend}: initial parameters
 * bit-identical, a few steps of every optimizer within tolerance; and the trainer's features that
 * compute on the backend (dropout, gradient clipping, early stopping, evaluation) doing what they say.
 */
public abstract class TrainingChecks {

    private static final Backend REFERENCE = new ReferenceBackend();

    private final BackendConformance kit;

    /** For the kit's nested class. */
    protected TrainingChecks(BackendConformance kit) {
        this.kit = kit;
    }

    private static Sequential network(Backend backend, DType dtype) {
        return Sequential.builder().input(5).dense(7, Activation.tanh()).dense(6, Activation.leakyRelu())
                .dense(3, Activation.softmax()).dtype(dtype).seed(77).backend(backend).build();
    }

    private static Dataset data() {
        return Dataset.of(Networks.uniform(61, 24, 5, -1, 1), Networks.oneHot(62, 24, 3));
    }

    private static final Map<String, Supplier<Optimizer>> OPTIMIZERS = Map.of(
            "sgd", () -> Optimizer.gradientDescent(0.1),
            "momentum", () -> Optimizer.momentum(0.1, 0.9),
            "nesterov", () -> Sgd.builder(0.05).momentum(0.9).nesterov(true).weightDecay(0.01).build(),
            "adam", () -> Adam.builder(0.01).weightDecay(0.001).build());

    private static double[] trained(Backend backend, DType dtype, Supplier<Optimizer> optimizer) {
        try (Sequential model = network(backend, dtype);
                Loss loss = Loss.softmaxCrossEntropy();
                Optimizer opt = optimizer.get()) {
            Trainer.builder().loss(loss).optimizer(opt).epochs(2).batchSize(8).seed(3).build().fit(model, data());
            return Networks.parameterValues(model);
        }
    }

    @ParameterizedTest(name = "initial {0} parameters equal the reference backend's bit for bit")
    @EnumSource(DType.class)
    void initialParametersMatchTheReference(DType dtype) {
        try (Sequential model = network(kit.backend(), dtype); Sequential reference = network(REFERENCE, dtype)) {
            assertArrayEquals(Networks.parameterValues(reference), Networks.parameterValues(model), 0.0);
        }
    }

    @ParameterizedTest(name = "6 steps of {0} match the reference backend, float64 and float32")
    @ValueSource(strings = {"sgd", "momentum", "nesterov", "adam"})
    void optimizerStepsMatchTheReference(String name) {
        for (DType dtype : DType.values()) {
            Tolerance tolerance = Tolerances.crossBackendTrajectory(dtype);
            assertClose("training " + name + " " + dtype.id() + " parameters after 6 steps", tolerance,
                    trained(REFERENCE, dtype, OPTIMIZERS.get(name)), trained(kit.backend(), dtype,
                            OPTIMIZERS.get(name)), 0);
        }
    }

    @Test
    @DisplayName("dropout: keeps about 1 - rate, scales kept values by 1/(1 - rate), same mask backward, off at prediction")
    void dropout() {
        Backend backend = kit.backend();
        try (Sequential model = Sequential.builder().input(2000).dropout(0.25).backend(backend).seed(5).build();
                Tensor x = backend.allocate(DType.FLOAT64, 1, 2000);
                Tensor dy = backend.allocate(DType.FLOAT64, 1, 2000)) {
            backend.fill(1, x);
            backend.fill(3, dy);
            double[] y = backend.toArray(model.forward(x, true));
            double[] dx = backend.toArray(model.backward(dy, 1, true));
            int kept = 0;
            for (int i = 0; i < y.length; i++) {
                assertTrue(y[i] == 0 || Math.abs(y[i] - 4.0 / 3) < 1e-15, "dropout output " + y[i]);
                assertEquals(y[i] * 3, dx[i], 1e-14, "backward uses the forward mask");
                kept += y[i] != 0 ? 1 : 0;
            }
            assertEquals(1500, kept, 60, "kept elements of 2000 at rate 0.25");
            assertArrayEquals(backend.toArray(x), backend.toArray(model.forward(x, false)), 0.0, "off at prediction");
        }
        try (Sequential a = Sequential.builder().input(50).dropout(0.5).backend(kit.backend()).seed(9).build();
                Sequential b = Sequential.builder().input(50).dropout(0.5).backend(REFERENCE).seed(9).build();
                Tensor xa = kit.backend().allocate(DType.FLOAT64, 2, 50);
                Tensor xb = REFERENCE.allocate(DType.FLOAT64, 2, 50)) {
            kit.backend().fill(1, xa);
            REFERENCE.fill(1, xb);
            assertArrayEquals(REFERENCE.toArray(b.forward(xb, true)), kit.backend().toArray(a.forward(xa, true)), 0.0,
                    "the same seed drops the same elements on every backend");
        }
    }

    @Test
    @DisplayName("gradient clipping bounds the step: |Δθ| = lr · maxNorm for plain gradient descent")
    void gradientClipping() {
        try (Sequential model = network(kit.backend(), DType.FLOAT64);
                Loss loss = Loss.softmaxCrossEntropy();
                Optimizer optimizer = Optimizer.gradientDescent(0.5)) {
            double[] before = Networks.parameterValues(model);
            Trainer.builder().loss(loss).optimizer(optimizer).epochs(1).batchSize(24).clipGradientNorm(1e-3)
                    .build().fit(model, data());
            double[] after = Networks.parameterValues(model);
            double squares = 0;
            for (int i = 0; i < before.length; i++) {
                squares += (after[i] - before[i]) * (after[i] - before[i]);
            }
            assertEquals(0.5 * 1e-3, Math.sqrt(squares), 1e-12);
        }
    }

    @Test
    @DisplayName("early stopping stops when validation loss stops improving and restores the best epoch")
    void earlyStopping() {
        Dataset train = data();
        Dataset validation = Dataset.of(Networks.uniform(63, 12, 5, -1, 1), Networks.oneHot(64, 12, 3));
        try (Sequential model = network(kit.backend(), DType.FLOAT64);
                Loss loss = Loss.softmaxCrossEntropy();
                Optimizer optimizer = Optimizer.adam(0.3)) {
            TrainingHistory history = Trainer.builder().loss(loss).optimizer(optimizer).epochs(200).batchSize(4)
                    .earlyStopping(EarlyStopping.patience(2)).build().fit(model, train, validation);
            assertTrue(history.stoppedEarly(), "random labels overfit quickly at lr 0.3");
            assertEquals(history.bestEpoch() + 2, history.epochs().size(), "stops patience epochs after the best");
            double best = history.epochs().get(history.bestEpoch() - 1).validation().orElseThrow().loss();
            assertClose("validation loss after restoring the best epoch float64", Tolerances.FLOAT64_OP, best,
                    Evaluation.of(model, loss, validation).loss());
        }
        try (Sequential model = network(kit.backend(), DType.FLOAT64); Loss loss = Loss.mse();
                Optimizer optimizer = Optimizer.adam(0.01)) {
            assertThrows(IllegalStateException.class, () -> Trainer.builder().loss(loss).optimizer(optimizer)
                    .earlyStopping(EarlyStopping.patience(1)).build().fit(model, data()));
        }
    }

    @Test
    @DisplayName("evaluation counts argmax predictions against labels")
    void evaluation() {
        Backend backend = kit.backend();
        try (Sequential model = Sequential.builder().input(3).activation(Activation.softmax()).backend(backend)
                .build(); Loss loss = Loss.softmaxCrossEntropy()) {
            Dataset data = Dataset.classification(new double[][] {{5, 0, 0}, {0, 5, 0}, {0, 0, 5}, {5, 0, 0}},
                    new int[] {0, 1, 0, 2}, 3);
            Evaluation evaluation = Evaluation.of(model, loss, data);
            assertEquals(0.5, evaluation.accuracy());
            assertEquals(1, evaluation.confusion().orElseThrow().count(0, 2));
            assertEquals(1, evaluation.confusion().orElseThrow().count(2, 0));
            assertFalse(Double.isNaN(evaluation.loss()));
        }
    }
}
