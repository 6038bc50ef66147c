package dev.backprop.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.backend.FoundProvider;
import dev.backprop.init.SeededRandom;
import dev.backprop.loss.Loss;
import dev.backprop.loss.ModelLoss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.numeric.Comparison;
import dev.backprop.numeric.Tolerances;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TracerTest {

    private static final double H = 1e-6;

    static Stream<String> backends() {
        return Backends.registry().providers().stream().filter(p -> p.availability().available())
                .map(FoundProvider::name);
    }

    /** 3-4-3-2: tanh, a dense layer without activation, then sigmoid; MSE. */
    private static Sequential mixed(Backend backend) {
        return Sequential.builder().input(3).dense(4, Activation.tanh()).dense(3).dense(2, Activation.sigmoid())
                .seed(11).backend(backend).build();
    }

    private static double[][] random(long seed, int rows, int cols) {
        SeededRandom random = SeededRandom.forStream(seed, 0);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = random.nextDouble() * 2 - 1;
            }
        }
        return m;
    }

    @ParameterizedTest(name = "every gradient of a trace matches its finite difference on {0}")
    @MethodSource("backends")
    void gradientsMatchFiniteDifferences(String backendName) {
        try (Sequential model = mixed(Backends.get(backendName)); Loss loss = Loss.mse()) {
            Trace trace = new Tracer(model, loss).trace(random(1, 5, 3), random(2, 5, 2), H);
            assertEquals(model.layers().size(), trace.layers().size());
            List<Gradient> gradients = trace.gradients();
            assertEquals(2 * 5 + 2 * 3, gradients.size(), "output and input gradient of 5 layers, 3 W and 3 b");
            for (LayerTrace layer : trace.layers()) {
                assertFiniteDifferencesMatch(layer.name() + " output", layer.outputGradient());
                assertFiniteDifferencesMatch(layer.name() + " input", layer.inputGradient());
                for (ParameterTrace p : layer.parameters()) {
                    assertFiniteDifferencesMatch(p.name(), p.gradient());
                }
            }
            assertTrue(trace.maxDifference() < 1e-8, "largest difference " + trace.maxDifference());
        }
    }

    private static void assertFiniteDifferencesMatch(String what, Gradient gradient) {
        Comparison c = Tolerances.FINITE_DIFFERENCE.compare(gradient.numeric().values(), gradient.analytic().values());
        assertTrue(c.passed(), what + ": " + c.describeWorst(gradient.analytic().cols()));
    }

    @ParameterizedTest(name = "a trace records what the model's own forward and backward passes compute on {0}")
    @MethodSource("backends")
    void recordsTheModelsOwnPasses(String backendName) {
        Backend backend = Backends.get(backendName);
        double[][] x = random(3, 4, 3);
        double[][] t = random(4, 4, 2);
        try (Sequential model = mixed(backend); Loss loss = Loss.mse(); Loss plainLoss = Loss.mse();
                Tensor input = backend.fromArray(DType.FLOAT64, 4, 3, flatten(x));
                Tensor target = backend.fromArray(DType.FLOAT64, 4, 2, flatten(t))) {
            List<double[]> before = values(model);
            Trace trace = new Tracer(model, loss).trace(x, t, H);
            assertParametersEqual(before, values(model), "the trace changed a parameter");

            ModelLoss plain = new ModelLoss(model, plainLoss);
            double value = plain.forward(input, target, false);
            assertEquals(value, trace.value(), 0, "loss");
            assertArrayEquals(backend.toArray(plain.lastPrediction()), trace.prediction().values(), 0, "prediction");
            double[] inputGradient = backend.toArray(plain.backward(true));
            assertArrayEquals(inputGradient, trace.layers().get(0).inputGradient().analytic().values(), 0,
                    "input gradient");
            List<ParameterTrace> traced = trace.layers().stream().flatMap(l -> l.parameters().stream()).toList();
            for (int i = 0; i < traced.size(); i++) {
                Parameter p = model.parameters().get(i);
                assertEquals(p.name(), traced.get(i).name());
                assertArrayEquals(p.values(), traced.get(i).value().values(), 0, p.name());
                assertArrayEquals(p.gradientValues(), traced.get(i).gradient().analytic().values(), 0, p.name());
            }
            for (int i = 1; i < trace.layers().size(); i++) {
                assertEquals(trace.layers().get(i - 1).output(), trace.layers().get(i).input(), "layer " + i + " input");
                assertEquals(trace.layers().get(i - 1).outputGradient().analytic(),
                        trace.layers().get(i).inputGradient().analytic(), "gradient between layers " + i);
            }
        }
    }

    @Test
    void anOptimizerStepAfterATraceIsTheStepAfterAPlainBackwardPass() {
        Backend backend = Backends.get("pure");
        double[][] x = random(5, 6, 3);
        double[][] t = random(6, 6, 2);
        try (Sequential traced = mixed(backend); Sequential plain = mixed(backend); Loss loss = Loss.mse();
                Loss plainLoss = Loss.mse(); Optimizer a = Optimizer.gradientDescent(0.5);
                Optimizer b = Optimizer.gradientDescent(0.5);
                Tensor input = backend.fromArray(DType.FLOAT64, 6, 3, flatten(x));
                Tensor target = backend.fromArray(DType.FLOAT64, 6, 2, flatten(t))) {
            new Tracer(traced, loss).trace(x, t, H);
            a.step(traced.parameters());
            ModelLoss step = new ModelLoss(plain, plainLoss);
            step.forward(input, target, true);
            step.backward(false);
            b.step(plain.parameters());
            assertParametersEqual(values(plain), values(traced), "parameters after one step");
        }
    }

    @Test
    void theDerivativeOfASigmoidIsItsOutputTimesOneMinusIt() {
        try (Sequential model = mixed(Backends.get("ejml")); Loss loss = Loss.mse()) {
            Trace trace = new Tracer(model, loss).trace(random(7, 3, 3), random(8, 3, 2));
            LayerTrace sigmoid = trace.layers().get(4);
            double[] a = sigmoid.output().values();
            double[] derivative = sigmoid.derivative().values();
            double[] expected = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                expected[i] = a[i] * (1 - a[i]);
            }
            Comparison c = Tolerances.FLOAT64_OP.compare(expected, derivative);
            assertTrue(c.passed(), c.describeWorst(sigmoid.output().cols()));
            assertNull(trace.layers().get(0).derivative(), "a dense layer has no element-wise derivative");
            assertTrue(trace.layers().get(1).derivative() != null, "tanh has one");
            assertEquals(0, trace.finiteDifferenceStep());
            assertThrows(IllegalStateException.class, trace::maxDifference);
            assertThrows(IllegalStateException.class, () -> sigmoid.inputGradient().maxDifference());
        }
    }

    @Test
    void aFinalSoftmaxAbsorbedBySoftmaxCrossEntropyIsNotTraced() {
        try (Sequential model = Sequential.builder().input(3).dense(4, Activation.softmax()).seed(3)
                .backend(Backends.get("pure")).build(); Loss loss = Loss.softmaxCrossEntropy()) {
            double[][] targets = {{1, 0, 0, 0}, {0, 0, 1, 0}};
            Trace trace = new Tracer(model, loss).trace(random(9, 2, 3), targets, H);
            assertEquals(1, trace.layers().size(), "only the dense layer");
            assertEquals("softmax_cross_entropy", trace.loss());
            assertTrue(trace.maxDifference() < 1e-8, "largest difference " + trace.maxDifference());
        }
    }

    @Test
    void dropoutIsOffSoTracesRepeat() {
        try (Sequential model = Sequential.builder().input(3).dense(8, Activation.relu()).dropout(0.5).dense(2)
                .seed(5).backend(Backends.get("pure")).build(); Loss loss = Loss.mse()) {
            Tracer tracer = new Tracer(model, loss);
            Trace first = tracer.trace(random(10, 4, 3), random(11, 4, 2));
            Trace second = tracer.trace(random(10, 4, 3), random(11, 4, 2));
            for (int i = 0; i < first.layers().size(); i++) {
                assertEquals(first.layers().get(i).output(), second.layers().get(i).output());
            }
            LayerTrace dropout = first.layers().get(2);
            assertEquals(dropout.input(), dropout.output(), "dropout passes its input through");
        }
    }

    @Test
    void badInputIsAClearError() {
        try (Sequential model = mixed(Backends.get("pure")); Loss loss = Loss.mse()) {
            Tracer tracer = new Tracer(model, loss);
            double[][] x = random(1, 2, 3);
            double[][] t = random(2, 2, 2);
            for (double h : new double[] {0, -1e-6, 0.2, Double.NaN}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tracer.trace(x, t, h));
                assertTrue(e.getMessage().contains("finite-difference step must be in (0, 0.1]"), e.getMessage());
            }
            IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                    () -> tracer.trace(random(1, 2, 4), t));
            assertTrue(width.getMessage().contains("inputs"), width.getMessage());
            IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                    () -> tracer.trace(x, random(2, 3, 2)));
            assertEquals("2 input rows but 3 target rows", rows.getMessage());
        }
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> new Matrix(2, 2, new double[3]));
        assertEquals("a 2×2 matrix needs 4 values, got 3", count.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Gradient(new Matrix(1, 2, new double[2]), new Matrix(2, 1, new double[2])));
        assertThrows(IllegalArgumentException.class,
                () -> new Matrix(1, 2, new double[2]).maxDifference(new Matrix(2, 1, new double[2])));
    }

    private static List<double[]> values(Sequential model) {
        List<double[]> values = new ArrayList<>();
        model.parameters().forEach(p -> values.add(p.values()));
        return values;
    }

    private static void assertParametersEqual(List<double[]> expected, List<double[]> actual, String message) {
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 0, message + " (parameter " + i + ")");
        }
    }

    private static double[] flatten(double[][] rows) {
        double[] flat = new double[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
        }
        return flat;
    }
}
