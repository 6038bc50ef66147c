package dev.backprop.conformance;

import static dev.backprop.conformance.OpHarness.SHAPES;
import static dev.backprop.conformance.OpHarness.assertElementwise;
import static dev.backprop.conformance.OpHarness.assertRounding;
import static dev.backprop.conformance.OpHarness.describe;
import static dev.backprop.conformance.OpHarness.huge;
import static dev.backprop.conformance.OpHarness.perTypeAndShape;
import static dev.backprop.conformance.OpHarness.random;
import static dev.backprop.conformance.OpHarness.rounded;
import static dev.backprop.conformance.OpHarness.tiny;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.backprop.conformance.OpHarness.Operand;
import dev.backprop.conformance.reference.Reference;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
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
 * The {@link dev.backprop.spi.ElementwiseOps} against {@link Reference}: every unary and binary
 * function within a few ulp of its exact value at every magnitude (tails of exp, log, sigmoid and
 * tanh included, no absolute floor), row and column broadcasts on square matrices, {@code linear}
 * and {@code affine} with scalars of 0, 1, in (0, 1), above 1 and negative within the rounding bound
 * of their terms, and every allowed aliasing of output and input.
 */
public abstract class ElementwiseOpChecks {

    private final OpHarness ops;

    /** For the kit's nested class. */
    protected ElementwiseOpChecks(BackendConformance kit) {
        this.ops = new OpHarness(kit);
    }

    private Backend backend() {
        return ops.backend();
    }

    // ---------------------------------------------------------------- unary

    /** Random inputs inside each function's domain, reaching into the tails where it has them. */
    private static double[] unaryInputs(UnaryOp op, DType dtype, long seed, int n) {
        return switch (op) {
            case EXP -> random(seed, n, -20, 20, dtype);
            case LOG, SQRT -> random(seed, n, 1e-3, 100, dtype);
            case SIGMOID, TANH -> random(seed, n, -20, 20, dtype);
            default -> random(seed, n, -5, 5, dtype);
        };
    }

    /**
     * The edge values each function must handle, and its tails, where only relative accuracy tells a
     * right result from a wrong one: {@code sigmoid(-40) = 4.2e-18}, {@code log(1 + 2^-20)},
     * {@code tanh(1e-4)}, {@code exp(-700)}.
     */
    private static double[] unaryEdges(UnaryOp op, DType dtype) {
        double huge = huge(dtype);
        double tiny = tiny(dtype);
        boolean f64 = dtype == DType.FLOAT64;
        double overflow = f64 ? 700 : 80;
        double deepTail = f64 ? -700 : -85;
        return rounded(dtype, switch (op) {
            case EXP -> new double[] {0.0, -0.0, -1000, 1000, overflow, -overflow, deepTail, 1e-7, -3e-5, Double.NaN};
            case LOG -> new double[] {0.0, tiny, 1, huge, -1, Double.NaN, 1 + 0x1p-20, 1 - 0x1p-20, 0.5, 1.0625,
                Double.POSITIVE_INFINITY};
            case SQRT -> new double[] {0.0, -0.0, tiny, huge, -1, Double.NaN, 2, 1 + 0x1p-20};
            case SQUARE -> new double[] {0.0, -0.0, tiny, -huge, Double.NaN, 1 + 0x1p-20, -3};
            case ABS -> new double[] {-0.0, -huge, tiny, Double.NEGATIVE_INFINITY, Double.NaN, -tiny};
            case SIGMOID -> new double[] {0.0, 1000, -1000, 30, -30, tiny, -tiny, Double.NaN, -40, -80, deepTail,
                -15.5, 1e-5};
            case TANH -> new double[] {0.0, -0.0, 1000, -1000, tiny, -tiny, Double.NaN, 1e-4, -3e-3, 0.5, 20,
                -0.01};
            case RELU, STEP -> new double[] {0.0, -0.0, tiny, -tiny, huge, -huge};
        });
    }

    @TestFactory
    Stream<DynamicTest> unary() {
        List<DynamicTest> tests = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            for (DType dtype : DType.values()) {
                for (int[] shape : SHAPES) {
                    tests.add(dynamicTest(op + " " + dtype.id() + " [" + shape[0] + " x " + shape[1] + "]", () -> {
                        double[] x = unaryInputs(op, dtype, op.ordinal() * 100L + shape[0], shape[0] * shape[1]);
                        checkUnary(op, dtype, shape[0], shape[1], x, false);
                    }));
                }
                tests.add(dynamicTest(op + " " + dtype.id() + " [257 x 257], above 65,536 elements", () -> {
                    double[] x = unaryInputs(op, dtype, op.ordinal() * 100L + 257, 257 * 257);
                    checkUnary(op, dtype, 257, 257, x, false);
                }));
                tests.add(dynamicTest(op + " " + dtype.id() + " edge values and tails", () -> {
                    double[] x = unaryEdges(op, dtype);
                    checkUnary(op, dtype, 1, x.length, x, false);
                }));
                tests.add(dynamicTest(op + " " + dtype.id() + " in place (out is x)", () -> {
                    double[] x = unaryInputs(op, dtype, 5, 12);
                    checkUnary(op, dtype, 3, 4, x, true);
                }));
            }
        }
        return tests.stream();
    }

    private void checkUnary(UnaryOp op, DType dtype, int rows, int cols, double[] x, boolean inPlace) {
        double[] expected = Reference.unary(op, x);
        String what = describe("unary " + op + (inPlace ? " in place" : ""), dtype, rows, cols);
        try (Tensor in = ops.tensor(dtype, rows, cols, x); Tensor out = backend().allocate(dtype, rows, cols)) {
            Tensor target = inPlace ? in : out;
            double[] actual = ops.runOne(what, () -> backend().unary(op, in, target), Operand.input(in, x),
                    Operand.result(target));
            assertElementwise(what + (cols <= 16 ? " of " + Arrays.toString(x) : ""), dtype, expected, actual, cols);
        }
    }

    // ---------------------------------------------------------------- binary

    @TestFactory
    Stream<DynamicTest> binary() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BinaryOp op : BinaryOp.values()) {
            for (DType dtype : DType.values()) {
                for (Broadcast broadcast : Broadcast.values()) {
                    for (int[] shape : new int[][] {{1, 1}, {1, 6}, {6, 1}, {4, 5}, {5, 5}, {2, 2}, {17, 17},
                        {65, 65}, {31, 129}, {257, 257}}) {
                        tests.add(dynamicTest(op + " " + dtype.id() + " " + broadcast + " [" + shape[0] + " x "
                                + shape[1] + "]", () -> checkBinary(op, dtype, broadcast, shape[0], shape[1], 0)));
                    }
                }
                tests.add(dynamicTest(op + " " + dtype.id() + " out is a", () -> checkBinary(op, dtype, Broadcast.SAME,
                        3, 4, 1)));
                tests.add(dynamicTest(op + " " + dtype.id() + " out is b", () -> checkBinary(op, dtype, Broadcast.SAME,
                        3, 4, 2)));
                tests.add(dynamicTest(op + " " + dtype.id() + " bias row broadcast in place", () -> checkBinary(op,
                        dtype, Broadcast.ROW, 3, 4, 1)));
                tests.add(dynamicTest(op + " " + dtype.id() + " row broadcast in place, square", () -> checkBinary(op,
                        dtype, Broadcast.ROW, 7, 7, 1)));
                tests.add(dynamicTest(op + " " + dtype.id() + " column broadcast in place, square",
                        () -> checkBinary(op, dtype, Broadcast.COLUMN, 7, 7, 1)));
                tests.add(dynamicTest(op + " " + dtype.id() + " edge values", () -> {
                    double h = huge(dtype);
                    double t = tiny(dtype);
                    double[] a = rounded(dtype, 0.0, -0.0, h, -h, t, 1, -1, 0.0, t, -t);
                    double[] b = rounded(dtype, -0.0, 0.0, h, t, -h, 0.0, -0.0, 0.0, 3, t);
                    double[] expected = Reference.binary(op, a, b, Broadcast.SAME, 1, a.length);
                    try (Tensor ta = ops.tensor(dtype, 1, a.length, a); Tensor tb = ops.tensor(dtype, 1, b.length, b);
                            Tensor out = backend().allocate(dtype, 1, a.length)) {
                        String what = describe("binary " + op + " edge values " + Arrays.toString(a) + " and "
                                + Arrays.toString(b), dtype, 1, a.length);
                        assertElementwise(what, dtype, expected, ops.runOne(what, () -> backend().binary(op, ta, tb,
                                out), Operand.input(ta, a), Operand.input(tb, b), Operand.result(out)), 0);
                    }
                }));
            }
        }
        tests.add(dynamicTest("rejects an operand that fits no broadcast", () -> {
            try (Tensor a = backend().allocate(DType.FLOAT64, 3, 4); Tensor b = backend().allocate(DType.FLOAT64, 2, 4)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> backend().binary(BinaryOp.ADD, a, b, a));
                assertTrue(e.getMessage().contains("[2 x 4]") && e.getMessage().contains("[3 x 4]"), e.getMessage());
            }
        }));
        return tests.stream();
    }

    /** {@code alias}: 0 none, 1 out is a, 2 out is b. */
    private void checkBinary(BinaryOp op, DType dtype, Broadcast broadcast, int rows, int cols, int alias) {
        int bRows = broadcast == Broadcast.ROW ? 1 : rows;
        int bCols = broadcast == Broadcast.COLUMN ? 1 : cols;
        long seed = op.ordinal() * 1000L + broadcast.ordinal() * 100L + rows * 10L + cols;
        double[] a = random(seed, rows * cols, -3, 3, dtype);
        double[] b = op == BinaryOp.DIV ? random(seed + 1, bRows * bCols, 0.5, 3, dtype)
                : random(seed + 1, bRows * bCols, -3, 3, dtype);
        Broadcast expectedKind = rows == bRows && cols == bCols ? Broadcast.SAME : broadcast;
        double[] expected = Reference.binary(op, a, b, expectedKind, rows, cols);
        try (Tensor ta = ops.tensor(dtype, rows, cols, a); Tensor tb = ops.tensor(dtype, bRows, bCols, b);
                Tensor out = backend().allocate(dtype, rows, cols)) {
            Tensor target = alias == 1 ? ta : alias == 2 ? tb : out;
            String aliasing = alias == 1 ? ", out is a" : alias == 2 ? ", out is b" : "";
            String what = describe("binary " + op + " with b [" + bRows + " x " + bCols + "]" + aliasing, dtype, rows,
                    cols);
            double[] actual = ops.runOne(what, () -> backend().binary(op, ta, tb, target), Operand.input(ta, a),
                    Operand.input(tb, b), Operand.result(target));
            assertElementwise(what, dtype, expected, actual, cols);
        }
    }

    // ---------------------------------------------------------------- linear, affine, clamp

    /** {alpha, beta} or {scale, shift}: 0, 1, in (0, 1), above 1, negative. */
    private static final double[][] SCALARS = {{1, -1}, {0.5, 2}, {0, 1}, {1, 0}, {-3, 0.25}, {0.3, 0.7},
        {-0.5, -1.5}, {1, 1}, {0.75, 0}, {0, 0}, {-1, 0.4}};

    @TestFactory
    Stream<DynamicTest> linear() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (double[] ab : SCALARS) {
                for (int alias = 0; alias <= 3; alias++) {
                    int mode = alias;
                    String name = new String[] {"", " out is a", " out is b", " a is b is out"}[mode];
                    tests.add(dynamicTest(dtype.id() + " alpha " + ab[0] + " beta " + ab[1] + name,
                            () -> checkLinear(dtype, 5, 7, ab[0], ab[1], mode)));
                }
            }
        }
        for (DType dtype : DType.values()) {
            tests.add(dynamicTest(dtype.id() + " edge values: signed zeros, NaN, infinities, huge and tiny", () -> {
                double h = huge(dtype);
                double t = tiny(dtype);
                double[] a = rounded(dtype, 0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, h, t, -t, 1, 2);
                double[] b = rounded(dtype, -0.0, -0.0, 1, 1, -h, t, t, Double.NaN, Double.NEGATIVE_INFINITY);
                for (double[] ab : new double[][] {{1, 1}, {0.5, -2}, {-1, 0.25}}) {
                    try (Tensor ta = ops.tensor(dtype, 1, a.length, a); Tensor tb = ops.tensor(dtype, 1, b.length, b);
                            Tensor out = backend().allocate(dtype, 1, a.length)) {
                        String what = describe("linear " + ab[0] + "·a + " + ab[1] + "·b of " + Arrays.toString(a)
                                + " and " + Arrays.toString(b), dtype, 1, a.length);
                        double[] actual = ops.runOne(what, () -> backend().linear(ab[0], ta, ab[1], tb, out),
                                Operand.input(ta, a), Operand.input(tb, b), Operand.result(out));
                        assertRounding(what, dtype, 3, Reference.linear(ab[0], a, ab[1], b), Reference.linear(
                                Math.abs(ab[0]), OpHarness.abs(a), Math.abs(ab[1]), OpHarness.abs(b)), actual, 0);
                    }
                }
            }));
        }
        return Stream.concat(tests.stream(), perTypeAndShape("linear", (dtype, rows, cols, seed) ->
                checkLinear(dtype, rows, cols, 0.3, -0.7, 0)));
    }

    private void checkLinear(DType dtype, int rows, int cols, double alpha, double beta, int mode) {
        String name = new String[] {"", " out is a", " out is b", " a is b is out"}[mode];
        double[] a = random(11 + rows, rows * cols, -3, 3, dtype);
        double[] b = mode == 3 ? a : random(12 + cols, rows * cols, -3, 3, dtype);
        double[] expected = Reference.linear(alpha, a, beta, b);
        double[] magnitudes = Reference.linear(Math.abs(alpha), OpHarness.abs(a), Math.abs(beta), OpHarness.abs(b));
        try (Tensor ta = ops.tensor(dtype, rows, cols, a); Tensor tb = mode == 3 ? null : ops.tensor(dtype, rows, cols, b);
                Tensor out = backend().allocate(dtype, rows, cols)) {
            Tensor bTensor = mode == 3 ? ta : tb;
            Tensor target = mode == 1 || mode == 3 ? ta : mode == 2 ? tb : out;
            String what = describe("linear " + alpha + "·a + " + beta + "·b" + name, dtype, rows, cols);
            double[] actual = ops.runOne(what, () -> backend().linear(alpha, ta, beta, bTensor, target),
                    Operand.input(ta, a), Operand.input(bTensor, b), Operand.result(target));
            assertRounding(what, dtype, 3, expected, magnitudes, actual, cols);
        }
    }

    @TestFactory
    Stream<DynamicTest> affine() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (double[] p : SCALARS) {
                for (boolean inPlace : new boolean[] {false, true}) {
                    tests.add(dynamicTest(dtype.id() + " " + p[0] + "·x + " + p[1] + (inPlace ? " in place" : ""),
                            () -> checkAffine(dtype, 3, 7, p[0], p[1], inPlace)));
                }
            }
            tests.add(dynamicTest(dtype.id() + " 0.001·x - 3", () -> checkAffine(dtype, 3, 7, 0.001, -3, false)));
            tests.add(dynamicTest(dtype.id() + " edge values: signed zeros, NaN, infinities, huge and tiny", () -> {
                double[] x = rounded(dtype, 0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        huge(dtype), -tiny(dtype), 1);
                for (double[] p : new double[][] {{1, 0}, {0.75, 2}, {-0.5, 0}, {2, -1}}) {
                    try (Tensor in = ops.tensor(dtype, 1, x.length, x); Tensor out = backend().allocate(dtype, 1, x.length)) {
                        String what = describe("affine " + p[0] + "·x + " + p[1] + " of " + Arrays.toString(x), dtype,
                                1, x.length);
                        double[] actual = ops.runOne(what, () -> backend().affine(in, p[0], p[1], out),
                                Operand.input(in, x), Operand.result(out));
                        assertRounding(what, dtype, 3, Reference.affine(x, p[0], p[1]),
                                Reference.affine(OpHarness.abs(x), Math.abs(p[0]), Math.abs(p[1])), actual, 0);
                    }
                }
            }));
        }
        return Stream.concat(tests.stream(), perTypeAndShape("affine", (dtype, rows, cols, seed) ->
                checkAffine(dtype, rows, cols, -0.6, 0, false)));
    }

    private void checkAffine(DType dtype, int rows, int cols, double scale, double shift, boolean inPlace) {
        double[] x = random(13 + rows, rows * cols, -3, 3, dtype);
        double[] magnitudes = Reference.affine(OpHarness.abs(x), Math.abs(scale), Math.abs(shift));
        try (Tensor in = ops.tensor(dtype, rows, cols, x); Tensor out = backend().allocate(dtype, rows, cols)) {
            Tensor target = inPlace ? in : out;
            String what = describe("affine " + scale + "·x + " + shift + (inPlace ? " in place" : ""), dtype, rows,
                    cols);
            double[] actual = ops.runOne(what, () -> backend().affine(in, scale, shift, target), Operand.input(in, x),
                    Operand.result(target));
            assertRounding(what, dtype, 3, Reference.affine(x, scale, shift), magnitudes, actual, cols);
        }
    }

    @TestFactory
    Stream<DynamicTest> clamp() {
        double[][] bounds = {{-1, 1}, {Double.NEGATIVE_INFINITY, 0.5}, {0, Double.POSITIVE_INFINITY}, {2, 2},
            {-0.25, 0.75}};
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (double[] mm : bounds) {
                for (boolean inPlace : new boolean[] {false, true}) {
                    tests.add(dynamicTest(dtype.id() + " [" + mm[0] + ", " + mm[1] + "]" + (inPlace ? " in place" : ""),
                            () -> checkClamp(dtype, 4, 6, mm[0], mm[1], inPlace)));
                }
            }
        }
        tests.add(dynamicTest("rejects min > max", () -> {
            try (Tensor t = backend().allocate(DType.FLOAT64, 2, 2)) {
                assertThrows(IllegalArgumentException.class, () -> backend().clamp(t, 1, -1, t));
            }
        }));
        return Stream.concat(tests.stream(), perTypeAndShape("clamp", (dtype, rows, cols, seed) ->
                checkClamp(dtype, rows, cols, -1.5, 0.5, false)));
    }

    private void checkClamp(DType dtype, int rows, int cols, double min, double max, boolean inPlace) {
        double[] x = random(14 + rows, rows * cols, -3, 3, dtype);
        x[0] = -0.0;
        try (Tensor in = ops.tensor(dtype, rows, cols, x); Tensor out = backend().allocate(dtype, rows, cols)) {
            Tensor target = inPlace ? in : out;
            String what = describe("clamp to [" + min + ", " + max + "]" + (inPlace ? " in place" : ""), dtype, rows,
                    cols);
            double[] actual = ops.runOne(what, () -> backend().clamp(in, min, max, target), Operand.input(in, x),
                    Operand.result(target));
            assertElementwise(what, dtype, Reference.clamp(x, min, max), actual, cols);
        }
    }
}
