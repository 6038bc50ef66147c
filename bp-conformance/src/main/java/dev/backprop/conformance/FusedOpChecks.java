package dev.backprop.conformance;

import static dev.backprop.conformance.NumericAssertions.assertClose;
import static dev.backprop.conformance.OpHarness.SHAPES;
import static dev.backprop.conformance.OpHarness.assertElementwise;
import static dev.backprop.conformance.OpHarness.assertRounding;
import static dev.backprop.conformance.OpHarness.describe;
import static dev.backprop.conformance.OpHarness.random;
import static dev.backprop.conformance.OpHarness.rounded;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.backprop.conformance.OpHarness.Operand;
import dev.backprop.conformance.reference.Reference;
import dev.backprop.init.SeededRandom;
import dev.backprop.numeric.Tolerance;
import dev.backprop.numeric.Tolerances;
import dev.backprop.spi.AdamStep;
import dev.backprop.spi.Backend;
import dev.backprop.spi.ComposedOps;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@link dev.backprop.spi.FusedOps}, each checked twice: the backend's kernel and the composed
 * default of {@link ComposedOps} on the backend's primitives, on {@link OpHarness#SHAPES}, with every
 * input left unchanged, outputs that may not alias inputs rejected, logits that overflow a naive
 * softmax, and Adam at steps 1, 2, 100 and 10,000, where a bias correction that stops changing shows.
 */
public abstract class FusedOpChecks {

    private final OpHarness ops;

    /** For the kit's nested class. */
    protected FusedOpChecks(BackendConformance kit) {
        this.ops = new OpHarness(kit);
    }

    private Backend backend() {
        return ops.backend();
    }

    /** The two paths of a fused op: the backend's kernel and the composed default on its primitives. */
    private enum Path {
        KERNEL, COMPOSED;

        String label() {
            return name().toLowerCase();
        }
    }

    private static Stream<DynamicTest> fused(String op, FusedCheck check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path path : Path.values()) {
            for (DType dtype : DType.values()) {
                for (int[] shape : SHAPES) {
                    tests.add(dynamicTest(path.label() + " " + dtype.id() + " [" + shape[0] + " x " + shape[1] + "]",
                            () -> check.run(path, dtype, shape[0], shape[1], op.hashCode() + 17L * shape[0] + shape[1])));
                }
            }
        }
        return tests.stream();
    }

    @FunctionalInterface
    private interface FusedCheck {
        void run(Path path, DType dtype, int rows, int cols, long seed);
    }

    @FunctionalInterface
    private interface Backward {
        void run(Tensor x, Tensor dy, Tensor dz);
    }

    /** Runs a backward op on both paths; returns {@code dz}. */
    private double[] backward(Path path, String what, DType dtype, int rows, int cols, double[] x, double[] dy,
            Backward kernel, Backward composed) {
        try (Tensor tx = ops.tensor(dtype, rows, cols, x); Tensor tdy = ops.tensor(dtype, rows, cols, dy);
                Tensor dz = backend().allocate(dtype, rows, cols)) {
            double[] actual = ops.runOne(what, () -> (path == Path.KERNEL ? kernel : composed).run(tx, tdy, dz),
                    Operand.input(tx, x), Operand.input(tdy, dy), Operand.result(dz));
            assertThrows(IllegalArgumentException.class, () -> kernel.run(tx, tdy, tdy),
                    what + " must reject dz aliasing dy");
            return actual;
        }
    }

    @TestFactory
    Stream<DynamicTest> sigmoidBackward() {
        return fused("sigmoidBackward", (path, dtype, rows, cols, seed) -> {
            double[] y = rounded(dtype, Reference.unary(UnaryOp.SIGMOID, random(seed, rows * cols, -6, 6, DType.FLOAT64)));
            double[] dy = random(seed + 1, rows * cols, -2, 2, dtype);
            String what = describe("sigmoidBackward (" + path.label() + ")", dtype, rows, cols);
            double[] actual = backward(path, what, dtype, rows, cols, y, dy, backend()::sigmoidBackward,
                    (a, b, c) -> ComposedOps.sigmoidBackward(backend(), a, b, c));
            double[] magnitudes = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                magnitudes[i] = Math.abs(dy[i]) * (y[i] + y[i] * y[i]);
            }
            assertRounding(what, dtype, 3, Reference.sigmoidBackward(y, dy), magnitudes, actual, cols);
        });
    }

    @TestFactory
    Stream<DynamicTest> tanhBackward() {
        return fused("tanhBackward", (path, dtype, rows, cols, seed) -> {
            double[] y = rounded(dtype, Reference.unary(UnaryOp.TANH, random(seed, rows * cols, -3, 3, DType.FLOAT64)));
            double[] dy = random(seed + 1, rows * cols, -2, 2, dtype);
            String what = describe("tanhBackward (" + path.label() + ")", dtype, rows, cols);
            double[] actual = backward(path, what, dtype, rows, cols, y, dy, backend()::tanhBackward,
                    (a, b, c) -> ComposedOps.tanhBackward(backend(), a, b, c));
            double[] magnitudes = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                magnitudes[i] = Math.abs(dy[i]) * (1 + y[i] * y[i]);
            }
            assertRounding(what, dtype, 3, Reference.tanhBackward(y, dy), magnitudes, actual, cols);
        });
    }

    private static double[] withKinks(double[] z) {
        for (int i = 0; i < z.length; i += 3) {
            z[i] = i % 2 == 0 ? 0.0 : -0.0;
        }
        return z;
    }

    @TestFactory
    Stream<DynamicTest> leakyRelu() {
        return fused("leakyRelu", (path, dtype, rows, cols, seed) -> {
            for (double slope : new double[] {0, 0.01, 0.3, 1}) {
                double[] z = withKinks(random(seed, rows * cols, -3, 3, dtype));
                try (Tensor tz = ops.tensor(dtype, rows, cols, z); Tensor y = backend().allocate(dtype, rows, cols)) {
                    String what = describe("leakyRelu slope " + slope + " (" + path.label() + ")", dtype, rows, cols);
                    double[] actual = ops.runOne(what, () -> {
                        if (path == Path.KERNEL) {
                            backend().leakyRelu(tz, slope, y);
                        } else {
                            ComposedOps.leakyRelu(backend(), tz, slope, y);
                        }
                    }, Operand.input(tz, z), Operand.result(y));
                    assertElementwise(what, dtype, Reference.leakyRelu(z, slope), actual, cols);
                    assertThrows(IllegalArgumentException.class, () -> backend().leakyRelu(tz, slope, tz),
                            "leakyRelu must reject y aliasing z");
                    assertThrows(IllegalArgumentException.class, () -> backend().leakyRelu(tz, -0.5, y),
                            "leakyRelu must reject a negative slope");
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> leakyReluBackward() {
        return fused("leakyReluBackward", (path, dtype, rows, cols, seed) -> {
            for (double slope : new double[] {0, 0.01, 0.3}) {
                double[] z = withKinks(random(seed, rows * cols, -3, 3, dtype));
                double[] dy = random(seed + 1, rows * cols, -2, 2, dtype);
                String what = describe("leakyReluBackward slope " + slope + " (" + path.label() + ")", dtype, rows,
                        cols);
                double[] actual = backward(path, what, dtype, rows, cols, z, dy,
                        (a, b, c) -> backend().leakyReluBackward(a, slope, b, c),
                        (a, b, c) -> ComposedOps.leakyReluBackward(backend(), a, slope, b, c));
                assertElementwise(what, dtype, Reference.leakyReluBackward(z, slope, dy), actual, cols);
            }
        });
    }

    private static double[] logits(long seed, int rows, int cols, DType dtype, boolean large) {
        double[] z = random(seed, rows * cols, -4, 4, dtype);
        if (large) {
            for (int i = 0; i < z.length; i++) {
                z[i] = dtype.round(z[i] * 250);
            }
        }
        return z;
    }

    @TestFactory
    Stream<DynamicTest> softmax() {
        return fused("softmax", (path, dtype, rows, cols, seed) -> {
            for (boolean large : new boolean[] {false, true}) {
                double[] z = logits(seed, rows, cols, dtype, large);
                try (Tensor tz = ops.tensor(dtype, rows, cols, z); Tensor scratch = backend().allocate(dtype, rows, 1);
                        Tensor y = backend().allocate(dtype, rows, cols)) {
                    String what = describe("softmax" + (large ? " of logits up to ±1000" : "") + " (" + path.label()
                            + ")", dtype, rows, cols);
                    double[] actual = ops.runOne(what, () -> {
                        if (path == Path.KERNEL) {
                            backend().softmax(tz, scratch, y);
                        } else {
                            ComposedOps.softmax(backend(), tz, scratch, y);
                        }
                    }, Operand.input(tz, z), Operand.scratch(scratch), Operand.result(y));
                    assertClose(what, Tolerances.scaled(dtype, large ? 1000 : 4), Reference.softmax(z, rows, cols),
                            actual, cols);
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> softmaxBackward() {
        return fused("softmaxBackward", (path, dtype, rows, cols, seed) -> {
            double[] y = rounded(dtype, Reference.softmax(random(seed, rows * cols, -3, 3, DType.FLOAT64), rows, cols));
            double[] dy = random(seed + 1, rows * cols, -2, 2, dtype);
            try (Tensor ty = ops.tensor(dtype, rows, cols, y); Tensor tdy = ops.tensor(dtype, rows, cols, dy);
                    Tensor scratch = backend().allocate(dtype, rows, 1); Tensor dz = backend().allocate(dtype, rows, cols)) {
                String what = describe("softmaxBackward (" + path.label() + ")", dtype, rows, cols);
                double[] actual = ops.runOne(what, () -> {
                    if (path == Path.KERNEL) {
                        backend().softmaxBackward(ty, tdy, scratch, dz);
                    } else {
                        ComposedOps.softmaxBackward(backend(), ty, tdy, scratch, dz);
                    }
                }, Operand.input(ty, y), Operand.input(tdy, dy), Operand.scratch(scratch), Operand.result(dz));
                assertClose(what, Tolerances.scaled(dtype, 2 * cols), Reference.softmaxBackward(y, dy, rows, cols),
                        actual, cols);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> softmaxCrossEntropy() {
        return fused("softmaxCrossEntropy", (path, dtype, rows, cols, seed) -> {
            for (boolean large : new boolean[] {false, true}) {
                double[] z = logits(seed, rows, cols, dtype, large);
                double[] t = new double[rows * cols];
                SeededRandom random = new SeededRandom(seed + 2);
                for (int i = 0; i < rows; i++) {
                    if (i % 2 == 0) {
                        t[i * cols + random.nextInt(cols)] = 1;
                    } else {
                        Arrays.fill(t, i * cols, (i + 1) * cols, dtype.round(1.0 / cols));
                    }
                }
                double[] expectedGradient = new double[z.length];
                double expectedLoss = Reference.softmaxCrossEntropy(z, t, rows, cols, expectedGradient);
                try (Tensor tz = ops.tensor(dtype, rows, cols, z); Tensor tt = ops.tensor(dtype, rows, cols, t);
                        Tensor scratch = backend().allocate(dtype, rows, 1);
                        Tensor gradient = backend().allocate(dtype, rows, cols)) {
                    String what = describe("softmaxCrossEntropy" + (large ? " of logits up to ±1000" : "") + " ("
                            + path.label() + ")", dtype, rows, cols);
                    double[] loss = new double[1];
                    double[] actual = ops.runOne(what, () -> loss[0] = path == Path.KERNEL
                            ? backend().softmaxCrossEntropy(tz, tt, scratch, gradient)
                            : ComposedOps.softmaxCrossEntropy(backend(), tz, tt, scratch, gradient),
                            Operand.input(tz, z), Operand.input(tt, t), Operand.scratch(scratch),
                            Operand.result(gradient));
                    Tolerance tolerance = Tolerances.scaled(dtype, large ? 1000 : 4);
                    assertClose(what + " loss", tolerance, expectedLoss, loss[0]);
                    assertClose(what + " gradient", tolerance, expectedGradient, actual, cols);
                    assertThrows(IllegalArgumentException.class,
                            () -> backend().softmaxCrossEntropy(tz, tt, scratch, tz),
                            "softmaxCrossEntropy must reject the gradient aliasing the logits");
                }
            }
        });
    }

    /** Runs one Adam update on the chosen path and checks parameter and moments against {@link Reference#adam}. */
    private void checkAdam(Path path, DType dtype, int rows, int cols, double[] p, double[] g, double[] m, double[] v,
            AdamStep adam, String what) {
        try (Tensor tp = ops.tensor(dtype, rows, cols, p); Tensor tg = ops.tensor(dtype, rows, cols, g);
                Tensor tm = ops.tensor(dtype, rows, cols, m); Tensor tv = ops.tensor(dtype, rows, cols, v);
                Tensor scratch = backend().allocate(dtype, rows, cols)) {
            double[][] actual = ops.run(what, () -> {
                if (path == Path.KERNEL) {
                    backend().adamUpdate(tp, tg, tm, tv, scratch, adam);
                } else {
                    ComposedOps.adamUpdate(backend(), tp, tg, tm, tv, scratch, adam);
                }
            }, Operand.result(tp), Operand.input(tg, g), Operand.result(tm), Operand.result(tv),
                    Operand.scratch(scratch));
            Reference.adam(p, g, m, v, adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon(), adam.step());
            assertClose(what + " parameter", Tolerances.op(dtype), p, actual[0], cols);
            assertClose(what + " first moment", Tolerances.op(dtype), m, actual[1], cols);
            assertClose(what + " second moment", Tolerances.op(dtype), v, actual[2], cols);
            assertThrows(IllegalArgumentException.class, () -> backend().adamUpdate(tp, tp, tm, tv, scratch, adam),
                    "adamUpdate must reject the gradient being the parameter");
        }
    }

    @TestFactory
    Stream<DynamicTest> adamUpdate() {
        Stream<DynamicTest> firstSteps = fused("adamUpdate", (path, dtype, rows, cols, seed) -> {
            int n = rows * cols;
            double[] p = random(seed, n, -1, 1, dtype);
            double[] m = new double[n];
            double[] v = new double[n];
            for (int step = 1; step <= 3; step++) {
                double[] g = random(seed + step, n, -1, 1, dtype);
                g[0] = dtype.round(1e-10 * step);
                checkAdam(path, dtype, rows, cols, rounded(dtype, p), g, rounded(dtype, m), rounded(dtype, v),
                        new AdamStep(0.01, 0.9, 0.999, 1e-8, step),
                        describe("adamUpdate step " + step + " (" + path.label() + ")", dtype, rows, cols));
                Reference.adam(p, g, m, v, 0.01, 0.9, 0.999, 1e-8, step);
            }
        });
        List<DynamicTest> longHorizon = new ArrayList<>();
        for (Path path : Path.values()) {
            for (DType dtype : DType.values()) {
                for (long step : new long[] {1, 2, 100, 10_000}) {
                    for (double[] betas : new double[][] {{0.9, 0.999}, {0.5, 0.99}}) {
                        longHorizon.add(dynamicTest(path.label() + " " + dtype.id() + " step " + step + " betas "
                                + betas[0] + ", " + betas[1], () -> {
                                    int n = 35;
                                    long seed = 31 * step;
                                    checkAdam(path, dtype, 5, 7, random(seed, n, -1, 1, dtype),
                                            random(seed + 1, n, -1, 1, dtype), random(seed + 2, n, -0.5, 0.5, dtype),
                                            random(seed + 3, n, 0, 0.5, dtype),
                                            new AdamStep(0.01, betas[0], betas[1], 1e-8, step),
                                            describe("adamUpdate at step " + step + " betas " + betas[0] + ", "
                                                    + betas[1] + " (" + path.label() + ")", dtype, 5, 7));
                                }));
                    }
                }
            }
        }
        return Stream.concat(firstSteps, longHorizon.stream());
    }
}
