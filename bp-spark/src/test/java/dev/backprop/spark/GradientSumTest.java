package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.loss.ModelLoss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.nn.TensorCache;
import dev.backprop.numeric.Comparison;
import dev.backprop.numeric.Tolerances;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.DType;
import dev.backprop.train.GradientStep;
import dev.backprop.train.GradientSum;
import dev.backprop.train.Trainer;
import org.junit.jupiter.api.Test;

/** {@link GradientSum} and {@link GradientStep}, the bp-api pieces data-parallel training is built from. */
class GradientSumTest {

    private static final int ROWS = 10;

    @Test
    void sumsOfTwoPartsAddUpToTheWholeBatchTimesItsSize() {
        Dataset data = Fixtures.data().head(ROWS);
        double[] x = rows(data, true);
        double[] t = rows(data, false);
        try (Sequential model = Fixtures.model("pure", DType.FLOAT64); Loss loss = Fixtures.loss();
                GradientSum sums = new GradientSum(model, loss)) {
            double[] first = new double[sums.length()];
            double[] second = new double[sums.length()];
            GradientSum.Totals a = sums.compute(x, t, 4, first);
            GradientSum.Totals b = sums.compute(slice(x, 4 * Fixtures.FEATURES), slice(t, 4 * Fixtures.CLASSES),
                    ROWS - 4, second);
            double[] parts = new double[sums.length()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = first[i] + second[i];
            }
            double[] whole = wholeBatchGradientTimesRows(model, loss, x, t);
            Comparison comparison = Tolerances.crossBackendGradient(DType.FLOAT64).compare(whole, parts);
            assertTrue(comparison.passed(), comparison::toString);
            assertEquals(ROWS, a.correct() + b.correct() + wrong(model, data), "correct counts cover every row");
        }
    }

    @Test
    void aStepFromTheMeanOfTheSumsIsTheTrainersStep() {
        Dataset data = Fixtures.data().head(ROWS);
        double[] expected;
        try (Sequential model = Fixtures.model("ejml", DType.FLOAT64); Loss loss = Fixtures.loss();
                Optimizer optimizer = Fixtures.optimizer()) {
            Trainer.builder().loss(loss).optimizer(optimizer).batchSize(ROWS).shuffle(false).build().fit(model, data);
            expected = Fixtures.flat(model);
        }
        try (Sequential model = Fixtures.model("ejml", DType.FLOAT64); Loss loss = Fixtures.loss();
                Optimizer optimizer = Fixtures.optimizer(); GradientSum sums = new GradientSum(model, loss)) {
            double[] gradient = new double[sums.length()];
            sums.compute(rows(data, true), rows(data, false), ROWS, gradient);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] /= ROWS;
            }
            GradientStep.apply(model, optimizer, gradient);
            Comparison comparison = Tolerances.dataParallel(DType.FLOAT64).compare(expected, Fixtures.flat(model));
            assertTrue(comparison.passed(), comparison::toString);
        }
    }

    @Test
    void badInputIsRejectedWithAMessage() {
        try (Sequential model = Fixtures.model("pure", DType.FLOAT64); Loss loss = Fixtures.loss();
                GradientSum sums = new GradientSum(model, loss); Optimizer optimizer = Fixtures.optimizer()) {
            double[] x = new double[2 * Fixtures.FEATURES];
            double[] t = new double[2 * Fixtures.CLASSES];
            double[] out = new double[sums.length()];
            assertMessage("at least one row", () -> sums.compute(x, t, 0, out));
            assertMessage("the features array has 12 values, 18 needed", () -> sums.compute(x, t, 3, out));
            assertMessage("the gradient vector has 3 values", () -> sums.compute(x, t, 2, new double[3]));
            double[] before = Fixtures.flat(model);
            assertMessage("the gradient vector has 3 values but the model has " + sums.length(),
                    () -> GradientStep.apply(model, optimizer, new double[3]));
            assertArrayEquals(before, Fixtures.flat(model), 0.0, "a rejected step changes nothing");
        }
    }

    @Test
    void aModelWithDropoutIsRejected() {
        try (Sequential model = Sequential.builder().input(4).dense(3, Activation.relu()).dropout(0.5).dense(2)
                .backend(Backends.get("pure")).build(); Loss loss = Loss.mse()) {
            assertMessage("drops with rate 0.5", () -> new GradientSum(model, loss));
        }
    }

    static void assertMessage(String expected, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }

    private static double[] wholeBatchGradientTimesRows(Sequential model, Loss loss, double[] x, double[] t) {
        ModelLoss step = new ModelLoss(model, loss);
        try (TensorCache xs = new TensorCache(model.backend(), model.dtype());
                TensorCache ts = new TensorCache(model.backend(), model.dtype())) {
            var input = xs.get(ROWS, Fixtures.FEATURES);
            var target = ts.get(ROWS, Fixtures.CLASSES);
            model.backend().upload(x, 0, input);
            model.backend().upload(t, 0, target);
            step.forward(input, target, true);
            step.backward(false);
        }
        double[] all = new double[Math.toIntExact(model.parameterCount())];
        int offset = 0;
        for (Parameter p : model.parameters()) {
            for (double g : p.gradientValues()) {
                all[offset++] = g * ROWS;
            }
        }
        return all;
    }

    private static int wrong(Sequential model, Dataset data) {
        double[][] predicted = model.predict(rowsOf(data));
        int wrong = 0;
        for (int r = 0; r < data.size(); r++) {
            int best = 0;
            for (int j = 1; j < predicted[r].length; j++) {
                if (predicted[r][j] > predicted[r][best]) {
                    best = j;
                }
            }
            if (best != data.label(r).getAsInt()) {
                wrong++;
            }
        }
        return wrong;
    }

    private static double[][] rowsOf(Dataset data) {
        double[][] rows = new double[data.size()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = data.features(r);
        }
        return rows;
    }

    private static double[] rows(Dataset data, boolean features) {
        int width = features ? data.featureCount() : data.targetCount();
        double[] flat = new double[data.size() * width];
        for (int r = 0; r < data.size(); r++) {
            System.arraycopy(features ? data.features(r) : data.targets(r), 0, flat, r * width, width);
        }
        return flat;
    }

    private static double[] slice(double[] values, int from) {
        return java.util.Arrays.copyOfRange(values, from, values.length);
    }
}
