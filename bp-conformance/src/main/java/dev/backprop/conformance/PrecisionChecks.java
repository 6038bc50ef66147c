package dev.backprop.conformance;

import static dev.backprop.conformance.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.data.Dataset;
import dev.backprop.init.Initializer;
import dev.backprop.init.SeededRandom;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.numeric.Tolerances;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import dev.backprop.loss.ModelLoss;
import dev.backprop.train.Trainer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two precisions agree, initial parameters are exactly what the seeded generator drew, and the
 * tutorial's XOR network trains in both precisions.
 */
public abstract class PrecisionChecks {

    private final BackendConformance kit;

    /** For the kit's nested class. */
    protected PrecisionChecks(BackendConformance kit) {
        this.kit = kit;
    }

    @ParameterizedTest(name = "the same network and data give the same {0} loss in float32 and float64")
    @ValueSource(strings = {"mse", "binary_cross_entropy", "softmax_cross_entropy"})
    void float32LossMatchesFloat64(String lossId) {
        double[][] x = Networks.uniform(21, 16, 6, -1, 1);
        boolean classes = !lossId.equals("mse");
        double[][] t = lossId.equals("softmax_cross_entropy") ? Networks.oneHot(22, 16, 4)
                : Networks.uniform(22, 16, 4, classes ? 0 : -1, 1);
        Activation last = lossId.equals("binary_cross_entropy") ? Activation.sigmoid() : Activation.identity();
        double[] losses = new double[2];
        for (DType dtype : DType.values()) {
            try (Sequential model = Networks.small(kit.backend(), dtype, 6, 10, Activation.tanh(), 4, last, 23);
                    Loss loss = Loss.parse(lossId);
                    Tensor xt = Networks.tensor(kit.backend(), dtype, x);
                    Tensor tt = Networks.tensor(kit.backend(), dtype, t)) {
                losses[dtype.ordinal()] = new ModelLoss(model, loss).forward(xt, tt, false);
            }
        }
        assertClose(lossId + " float32 vs float64", Tolerances.FLOAT32_LOSS, losses[DType.FLOAT64.ordinal()],
                losses[DType.FLOAT32.ordinal()]);
    }

    @ParameterizedTest(name = "initial {0} parameters are the seeded generator's draws, bit for bit")
    @EnumSource(DType.class)
    void initialParametersAreBitIdentical(DType dtype) {
        try (Sequential model = Sequential.builder().input(5).dense(7, Activation.relu()).dense(3).dtype(dtype)
                .seed(99).backend(kit.backend()).build()) {
            double[] w1 = Initializer.HE_UNIFORM.values(SeededRandom.forStream(99, 1), 5, 7);
            double[] w2 = Initializer.XAVIER_UNIFORM.values(SeededRandom.forStream(99, 2), 7, 3);
            for (double[] w : new double[][] {w1, w2}) {
                for (int i = 0; i < w.length; i++) {
                    w[i] = dtype.round(w[i]);
                }
            }
            assertArrayEquals(w1, model.parameters().get(0).values(), 0.0, "dense_1.W");
            assertArrayEquals(new double[7], model.parameters().get(1).values(), 0.0, "dense_1.b");
            assertArrayEquals(w2, model.parameters().get(2).values(), 0.0, "dense_2.W");
        }
    }

    @ParameterizedTest(name = "the tutorial's XOR network converges in {0}")
    @EnumSource(DType.class)
    void xorConverges(DType dtype) {
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] t = {{0}, {1}, {1}, {0}};
        try (Sequential model = Sequential.builder().input(2).dense(5, Activation.sigmoid())
                .dense(1, Activation.sigmoid()).dtype(dtype).seed(7).backend(kit.backend()).build();
                Loss loss = Loss.mse();
                Optimizer optimizer = Optimizer.gradientDescent(2.0)) {
            Trainer.builder().loss(loss).optimizer(optimizer).epochs(5000).batchSize(4).shuffle(false).build()
                    .fit(model, Dataset.of(x, t));
            double[][] y = model.predict(x);
            double mse = 0;
            for (int i = 0; i < 4; i++) {
                assertTrue((y[i][0] > 0.5) == (t[i][0] > 0.5), "XOR row " + i + " predicted " + y[i][0]);
                mse += (y[i][0] - t[i][0]) * (y[i][0] - t[i][0]) / 4;
            }
            assertTrue(mse < 0.01, "XOR final MSE " + mse + " is not below 0.01");
        }
    }

    @Test
    @DisplayName("training is deterministic: two runs from one seed give identical parameters")
    void deterministic() {
        double[][] x = Networks.uniform(31, 40, 3, -1, 1);
        double[][] t = Networks.uniform(32, 40, 2, -1, 1);
        double[][] results = new double[2][];
        for (int run = 0; run < 2; run++) {
            try (Sequential model = Networks.small(kit.backend(), DType.FLOAT64, 3, 8, Activation.relu(), 2,
                    Activation.identity(), 33);
                    Loss loss = Loss.mse();
                    Optimizer optimizer = Optimizer.adam(0.01)) {
                Trainer.builder().loss(loss).optimizer(optimizer).epochs(3).batchSize(7).seed(5).build()
                        .fit(model, Dataset.of(x, t));
                results[run] = Networks.parameterValues(model);
            }
        }
        assertArrayEquals(results[0], results[1], 0.0);
    }
}
