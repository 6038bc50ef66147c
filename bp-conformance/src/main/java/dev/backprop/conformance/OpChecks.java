package dev.backprop.conformance;

import static dev.backprop.conformance.NumericAssertions.assertClose;
import static dev.backprop.conformance.NumericAssertions.assertWithin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.backprop.conformance.reference.Reference;
import dev.backprop.init.SeededRandom;
import dev.backprop.numeric.Tolerance;
import dev.backprop.numeric.Tolerances;
import dev.backprop.spi.AdamStep;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.ComposedOps;
import dev.backprop.spi.DType;
import dev.backprop.spi.FusedOps;
import dev.backprop.spi.RequiredOps;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.UnaryOp;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every SPI op against {@link Reference}, in float64 and float32: on random data and edge shapes
 * (1×1, 1×n, n×1, non-square, 300×700), every transpose of GEMM with alpha and beta of 0, 1 and
 * others, outputs aliasing inputs where the SPI allows it (and rejected where it does not), signed
 * zeros, very large and very small magnitudes, and logits that overflow a naive softmax. Fused ops are
 * checked twice: the backend's kernel and the composed default on the backend's primitives.
 *
 * <p>Each test factory is named after the op it checks; {@link #coversEverySpiOp()} fails when the
 * SPI gains an op without a check here.
 */
public abstract class OpChecks {

    private static final int[][] SHAPES = {{1, 1}, {1, 7}, {7, 1}, {5, 3}, {3, 5}, {33, 64}};

    private final BackendConformance kit;

    /** For the kit's nested class. */
    protected OpChecks(BackendConformance kit) {
        this.kit = kit;
    }

    private Backend backend() {
        return kit.backend();
    }

    // ---------------------------------------------------------------- helpers

    /** Values uniform in {@code [low, high)}, rounded to {@code dtype}. */
    private static double[] random(long seed, int n, double low, double high, DType dtype) {
        SeededRandom random = new SeededRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = dtype.round(random.nextDouble(low, high));
        }
        return values;
    }

    private static double[] rounded(DType dtype, double... values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = dtype.round(out[i]);
        }
        return out;
    }

    private Tensor tensor(DType dtype, int rows, int cols, double[] values) {
        return backend().fromArray(dtype, rows, cols, values);
    }

    private double[] read(Tensor t) {
        return backend().toArray(t);
    }

    private static String describe(String op, DType dtype, int rows, int cols) {
        return op + " " + dtype.id() + " [" + rows + " x " + cols + "]";
    }

    /** A large magnitude whose square still fits the type. */
    private static double huge(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e150 : 1e18;
    }

    /** A small magnitude, well above the subnormal range. */
    private static double tiny(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e-150 : 1e-18;
    }

    private static Stream<DynamicTest> perTypeAndShape(String op, ShapeCheck check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (int[] shape : SHAPES) {
                tests.add(dynamicTest(dtype.id() + " [" + shape[0] + " x " + shape[1] + "]",
                        () -> check.run(dtype, shape[0], shape[1], op.hashCode() * 31L + shape[0] * 7L + shape[1])));
            }
        }
        return tests.stream();
    }

    @FunctionalInterface
    private interface ShapeCheck {
        void run(DType dtype, int rows, int cols, long seed);
    }

    // ---------------------------------------------------------------- coverage

    @Test
    @DisplayName("every op of the SPI has a check here")
    void coversEverySpiOp() {
        Set<String> spi = new TreeSet<>();
        for (Class<?> family : new Class<?>[] {RequiredOps.class, FusedOps.class}) {
            for (Class<?> type : withSuperInterfaces(family)) {
                for (Method m : type.getDeclaredMethods()) {
                    if (!m.isSynthetic() && !java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                        spi.add(m.getName());
                    }
                }
            }
        }
        Set<String> checked = Arrays.stream(OpChecks.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(TestFactory.class) || m.isAnnotationPresent(Test.class))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(spi);
        missing.removeAll(checked);
        assertTrue(missing.isEmpty(), "SPI ops without a conformance check: " + missing);
        assertEquals(27, spi.size(), "the SPI's op count changed; review the kit: " + spi);
    }

    private static List<Class<?>> withSuperInterfaces(Class<?> type) {
        List<Class<?>> all = new ArrayList<>(List.of(type));
        for (Class<?> parent : type.getInterfaces()) {
            all.addAll(withSuperInterfaces(parent));
        }
        return all;
    }

    // ---------------------------------------------------------------- storage

    @TestFactory
    Stream<DynamicTest> allocate() {
        return Stream.concat(perTypeAndShape("allocate", (dtype, rows, cols, seed) -> {
            try (Tensor t = backend().allocate(dtype, rows, cols)) {
                assertEquals(rows, t.rows());
                assertEquals(cols, t.cols());
                assertEquals(dtype, t.dtype());
                assertArrayEquals(new double[rows * cols], read(t), 0.0, "allocate must zero-fill");
            }
        }), Stream.of(dynamicTest("rejects a dimension below 1", () -> {
            assertThrows(IllegalArgumentException.class, () -> backend().allocate(DType.FLOAT64, 0, 3));
            assertThrows(IllegalArgumentException.class, () -> backend().allocate(DType.FLOAT32, 3, -1));
        })));
    }

    @TestFactory
    Stream<DynamicTest> reshape() {
        return ShapeChecks.reshapeViews(backend());
    }

    @TestFactory
    Stream<DynamicTest> upload() {
        return Stream.concat(perTypeAndShape("upload", (dtype, rows, cols, seed) -> {
            double[] source = new double[rows * cols + 3];
            double[] values = random(seed, rows * cols, -3, 3, DType.FLOAT64);
            System.arraycopy(values, 0, source, 3, values.length);
            try (Tensor t = backend().allocate(dtype, rows, cols)) {
                backend().upload(source, 3, t);
                double[] expected = rounded(dtype, values);
                assertArrayEquals(expected, read(t), 0.0, describe("upload rounds to the type", dtype, rows, cols));
            }
        }), Stream.of(dynamicTest("rejects a source too short for the tensor", () -> {
            try (Tensor t = backend().allocate(DType.FLOAT64, 2, 2)) {
                assertThrows(IllegalArgumentException.class, () -> backend().upload(new double[5], 2, t));
            }
        })));
    }

    @TestFactory
    Stream<DynamicTest> download() {
        return Stream.concat(perTypeAndShape("download", (dtype, rows, cols, seed) -> {
            double[] values = random(seed, rows * cols, -3, 3, dtype);
            try (Tensor t = tensor(dtype, rows, cols, values)) {
                double[] out = new double[values.length + 2];
                Arrays.fill(out, 42);
                backend().download(t, out, 1);
                assertEquals(42, out[0]);
                assertEquals(42, out[out.length - 1]);
                assertArrayEquals(values, Arrays.copyOfRange(out, 1, values.length + 1), 0.0,
                        describe("download", dtype, rows, cols));
            }
        }), Stream.of(
                dynamicTest("keeps signed zeros, infinities, NaN, huge and tiny values", () -> {
                    for (DType dtype : DType.values()) {
                        double[] special = rounded(dtype, 0.0, -0.0, Double.POSITIVE_INFINITY,
                                Double.NEGATIVE_INFINITY, Double.NaN, huge(dtype), -tiny(dtype));
                        try (Tensor t = tensor(dtype, 1, special.length, special)) {
                            double[] back = read(t);
                            for (int i = 0; i < special.length; i++) {
                                assertEquals(Double.doubleToLongBits(special[i]), Double.doubleToLongBits(back[i]),
                                        "download " + dtype.id() + " element " + i + ": " + special[i] + " came back "
                                                + back[i]);
                            }
                        }
                    }
                }),
                dynamicTest("rejects a destination too short", () -> {
                    try (Tensor t = backend().allocate(DType.FLOAT32, 2, 2)) {
                        assertThrows(IllegalArgumentException.class, () -> backend().download(t, new double[4], 1));
                    }
                })));
    }

    @TestFactory
    Stream<DynamicTest> copy() {
        return Stream.concat(perTypeAndShape("copy", (dtype, rows, cols, seed) -> {
            double[] values = random(seed, rows * cols, -3, 3, dtype);
            try (Tensor source = tensor(dtype, rows, cols, values);
                    Tensor out = backend().allocate(dtype, rows, cols)) {
                backend().copy(source, out);
                assertArrayEquals(values, read(out), 0.0, describe("copy", dtype, rows, cols));
                backend().copy(source, source);
                assertArrayEquals(values, read(source), 0.0, describe("copy onto itself", dtype, rows, cols));
            }
        }), Stream.of(dynamicTest("rejects a shape mismatch", () -> {
            try (Tensor a = backend().allocate(DType.FLOAT64, 2, 3); Tensor b = backend().allocate(DType.FLOAT64, 3, 2)) {
                assertThrows(IllegalArgumentException.class, () -> backend().copy(a, b));
            }
        })));
    }

    @TestFactory
    Stream<DynamicTest> fill() {
        return perTypeAndShape("fill", (dtype, rows, cols, seed) -> {
            try (Tensor t = backend().allocate(dtype, rows, cols)) {
                for (double value : new double[] {-0.0, 0.1, -huge(dtype)}) {
                    backend().fill(value, t);
                    double[] expected = new double[rows * cols];
                    Arrays.fill(expected, dtype.round(value));
                    assertArrayEquals(expected, read(t), 0.0, describe("fill " + value, dtype, rows, cols));
                }
            }
        });
    }

    // ---------------------------------------------------------------- GEMM

    private void checkGemm(DType dtype, boolean ta, boolean tb, int m, int n, int k, double alpha, double beta,
            boolean nanInC, long seed) {
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        double[] a = random(seed, aRows * aCols, -2, 2, dtype);
        double[] b = random(seed + 1, bRows * bCols, -2, 2, dtype);
        double[] c = nanInC ? new double[m * n] : random(seed + 2, m * n, -2, 2, dtype);
        if (nanInC) {
            Arrays.fill(c, Double.NaN);
        }
        String what = "gemm " + dtype.id() + " op(a) " + (ta ? "aᵀ" : "a") + " [" + aRows + " x " + aCols + "], op(b) "
                + (tb ? "bᵀ" : "b") + " [" + bRows + " x " + bCols + "], alpha " + alpha + ", beta " + beta
                + (nanInC ? ", c full of NaN" : "");
        double[] expected = Reference.gemm(ta, tb, alpha, a, aRows, aCols, b, bRows, bCols, beta, c);
        double[] magnitudes = Reference.gemmMagnitudes(ta, tb, alpha, a, aRows, aCols, b, bRows, bCols,
                nanInC ? 0 : beta, nanInC ? new double[m * n] : c);
        double[] allowed = new double[expected.length];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = Tolerances.summation(dtype, k + 1, magnitudes[i]);
        }
        try (Tensor ta_ = tensor(dtype, aRows, aCols, a);
                Tensor tb_ = tensor(dtype, bRows, bCols, b);
                Tensor tc = tensor(dtype, m, n, c)) {
            backend().gemm(ta, tb, alpha, ta_, tb_, beta, tc);
            assertWithin(what, expected, read(tc), allowed, n);
        }
    }

    @TestFactory
    Stream<DynamicTest> gemm() {
        int[][] sizes = {{1, 1, 1}, {1, 7, 3}, {7, 1, 3}, {5, 3, 4}, {3, 5, 1}, {33, 17, 64}};
        double[][] scalars = {{1, 0}, {1, 1}, {-0.5, 2.5}, {0, 1.5}, {2, 0}};
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    String flags = (ta ? "aᵀ" : "a") + "·" + (tb ? "bᵀ" : "b");
                    for (int[] s : sizes) {
                        for (double[] ab : scalars) {
                            tests.add(dynamicTest(dtype.id() + " " + flags + " m=" + s[0] + " n=" + s[1] + " k=" + s[2]
                                    + " alpha=" + ab[0] + " beta=" + ab[1], () -> checkGemm(dtype, ta, tb, s[0], s[1],
                                            s[2], ab[0], ab[1], false, 1000L * s[0] + s[1])));
                        }
                    }
                    tests.add(dynamicTest(dtype.id() + " " + flags + " large: 300 x 700 times 700 x 40",
                            () -> checkGemm(dtype, ta, tb, 300, 40, 700, 1, 0, false, 7)));
                    tests.add(dynamicTest(dtype.id() + " " + flags + " beta 0 ignores NaN in c",
                            () -> checkGemm(dtype, ta, tb, 4, 3, 5, 1.5, 0, true, 8)));
                }
            }
        }
        tests.add(dynamicTest("rejects c aliasing a or b", () -> {
            try (Tensor a = backend().allocate(DType.FLOAT64, 3, 3); Tensor b = backend().allocate(DType.FLOAT64, 3, 3)) {
                assertThrows(IllegalArgumentException.class, () -> backend().gemm(false, false, 1, a, b, 0, a));
                assertThrows(IllegalArgumentException.class, () -> backend().gemm(false, false, 1, a, b, 0, b));
            }
        }));
        tests.add(dynamicTest("names both shapes when inner dimensions differ", () -> {
            try (Tensor a = backend().allocate(DType.FLOAT64, 2, 3); Tensor b = backend().allocate(DType.FLOAT64, 4, 5);
                    Tensor c = backend().allocate(DType.FLOAT64, 2, 5)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> backend().gemm(false, false, 1, a, b, 0, c));
                assertTrue(e.getMessage().contains("[2 x 3]") && e.getMessage().contains("[4 x 5]"), e.getMessage());
            }
        }));
        tests.add(dynamicTest("rejects mixed data types", () -> {
            try (Tensor a = backend().allocate(DType.FLOAT64, 2, 2); Tensor b = backend().allocate(DType.FLOAT32, 2, 2);
                    Tensor c = backend().allocate(DType.FLOAT64, 2, 2)) {
                assertThrows(IllegalArgumentException.class, () -> backend().gemm(false, false, 1, a, b, 0, c));
            }
        }));
        return tests.stream();
    }

    // ---------------------------------------------------------------- element-wise

    /** Random inputs inside each function's domain, plus the edge values each must handle. */
    private static double[] unaryInputs(UnaryOp op, DType dtype, long seed, int n) {
        return switch (op) {
            case EXP -> random(seed, n, -20, 20, dtype);
            case LOG, SQRT -> random(seed, n, 1e-3, 100, dtype);
            default -> random(seed, n, -5, 5, dtype);
        };
    }

    private static double[] unaryEdges(UnaryOp op, DType dtype) {
        double huge = huge(dtype);
        double tiny = tiny(dtype);
        double overflow = dtype == DType.FLOAT64 ? 700 : 80;
        return rounded(dtype, switch (op) {
            case EXP -> new double[] {0.0, -0.0, -1000, overflow, -overflow, Double.NaN};
            case LOG -> new double[] {0.0, tiny, 1, huge, -1, Double.NaN};
            case SQRT -> new double[] {0.0, -0.0, tiny, huge, -1, Double.NaN};
            case SQUARE -> new double[] {0.0, -0.0, tiny, -huge, Double.NaN};
            case ABS -> new double[] {-0.0, -huge, tiny, Double.NEGATIVE_INFINITY, Double.NaN};
            case SIGMOID -> new double[] {0.0, 1000, -1000, 30, -30, tiny, Double.NaN};
            case TANH -> new double[] {0.0, -0.0, 1000, -1000, tiny, -tiny, Double.NaN};
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
                tests.add(dynamicTest(op + " " + dtype.id() + " edge values", () -> {
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
        try (Tensor in = tensor(dtype, rows, cols, x); Tensor out = backend().allocate(dtype, rows, cols)) {
            Tensor target = inPlace ? in : out;
            backend().unary(op, in, target);
            assertClose(describe("unary " + op + (inPlace ? " in place" : ""), dtype, rows, cols),
                    Tolerances.op(dtype), expected, read(target), cols);
        }
    }

    @TestFactory
    Stream<DynamicTest> binary() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BinaryOp op : BinaryOp.values()) {
            for (DType dtype : DType.values()) {
                for (Broadcast broadcast : Broadcast.values()) {
                    for (int[] shape : new int[][] {{1, 1}, {1, 6}, {6, 1}, {4, 5}}) {
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
                tests.add(dynamicTest(op + " " + dtype.id() + " edge values", () -> {
                    double h = huge(dtype);
                    double t = tiny(dtype);
                    double[] a = rounded(dtype, 0.0, -0.0, h, -h, t, 1, -1, 0.0);
                    double[] b = rounded(dtype, -0.0, 0.0, h, t, -h, 0.0, -0.0, 0.0);
                    double[] expected = Reference.binary(op, a, b, Broadcast.SAME, 1, a.length);
                    try (Tensor ta = tensor(dtype, 1, a.length, a); Tensor tb = tensor(dtype, 1, b.length, b);
                            Tensor out = backend().allocate(dtype, 1, a.length)) {
                        backend().binary(op, ta, tb, out);
                        assertClose(describe("binary " + op + " edge values " + Arrays.toString(a) + " and "
                                + Arrays.toString(b), dtype, 1, a.length), Tolerances.op(dtype), expected, read(out), 0);
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
        try (Tensor ta = tensor(dtype, rows, cols, a); Tensor tb = tensor(dtype, bRows, bCols, b);
                Tensor out = backend().allocate(dtype, rows, cols)) {
            Tensor target = alias == 1 ? ta : alias == 2 ? tb : out;
            backend().binary(op, ta, tb, target);
            String aliasing = alias == 1 ? ", out is a" : alias == 2 ? ", out is b" : "";
            assertClose(describe("binary " + op + " with b [" + bRows + " x " + bCols + "]" + aliasing, dtype, rows,
                    cols), Tolerances.op(dtype), expected, read(target), cols);
        }
    }

    @TestFactory
    Stream<DynamicTest> linear() {
        double[][] scalars = {{1, -1}, {0.5, 2}, {0, 1}, {1, 0}, {-3, 0.25}};
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (double[] ab : scalars) {
                for (int alias = 0; alias <= 3; alias++) {
                    int mode = alias;
                    String name = new String[] {"", " out is a", " out is b", " a is b is out"}[mode];
                    tests.add(dynamicTest(dtype.id() + " alpha " + ab[0] + " beta " + ab[1] + name, () -> {
                        double[] a = random(11, 35, -3, 3, dtype);
                        double[] b = mode == 3 ? a : random(12, 35, -3, 3, dtype);
                        double[] expected = Reference.linear(ab[0], a, ab[1], b);
                        try (Tensor ta = tensor(dtype, 5, 7, a); Tensor tb = mode == 3 ? null : tensor(dtype, 5, 7, b);
                                Tensor out = backend().allocate(dtype, 5, 7)) {
                            Tensor bTensor = mode == 3 ? ta : tb;
                            Tensor target = mode == 1 || mode == 3 ? ta : mode == 2 ? tb : out;
                            backend().linear(ab[0], ta, ab[1], bTensor, target);
                            assertClose(describe("linear " + ab[0] + "·a + " + ab[1] + "·b" + name, dtype, 5, 7),
                                    Tolerances.op(dtype), expected, read(target), 7);
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> affine() {
        double[][] params = {{2, 0.5}, {-1, 1}, {0.001, -3}, {1, 0}};
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (double[] p : params) {
                for (boolean inPlace : new boolean[] {false, true}) {
                    tests.add(dynamicTest(dtype.id() + " " + p[0] + "·x + " + p[1] + (inPlace ? " in place" : ""), () -> {
                        double[] x = random(13, 21, -3, 3, dtype);
                        try (Tensor in = tensor(dtype, 3, 7, x); Tensor out = backend().allocate(dtype, 3, 7)) {
                            Tensor target = inPlace ? in : out;
                            backend().affine(in, p[0], p[1], target);
                            assertClose(describe("affine " + p[0] + "·x + " + p[1], dtype, 3, 7), Tolerances.op(dtype),
                                    Reference.affine(x, p[0], p[1]), read(target), 7);
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> clamp() {
        double[][] bounds = {{-1, 1}, {Double.NEGATIVE_INFINITY, 0.5}, {0, Double.POSITIVE_INFINITY}, {2, 2}};
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (double[] mm : bounds) {
                for (boolean inPlace : new boolean[] {false, true}) {
                    tests.add(dynamicTest(dtype.id() + " [" + mm[0] + ", " + mm[1] + "]" + (inPlace ? " in place" : ""),
                            () -> {
                                double[] x = random(14, 24, -3, 3, dtype);
                                x[0] = -0.0;
                                try (Tensor in = tensor(dtype, 4, 6, x); Tensor out = backend().allocate(dtype, 4, 6)) {
                                    Tensor target = inPlace ? in : out;
                                    backend().clamp(in, mm[0], mm[1], target);
                                    assertClose(describe("clamp to [" + mm[0] + ", " + mm[1] + "]", dtype, 4, 6),
                                            Tolerances.op(dtype), Reference.clamp(x, mm[0], mm[1]), read(target), 6);
                                }
                            }));
                }
            }
        }
        tests.add(dynamicTest("rejects min > max", () -> {
            try (Tensor t = backend().allocate(DType.FLOAT64, 2, 2)) {
                assertThrows(IllegalArgumentException.class, () -> backend().clamp(t, 1, -1, t));
            }
        }));
        return tests.stream();
    }

    // ---------------------------------------------------------------- reductions

    private static void assertSum(String what, DType dtype, double expected, double actual, int terms,
            double magnitude) {
        assertWithin(what, new double[] {expected}, new double[] {actual},
                new double[] {Tolerances.summation(dtype, terms, magnitude)}, 0);
    }

    @TestFactory
    Stream<DynamicTest> sum() {
        return Stream.concat(perTypeAndShape("sum", (dtype, rows, cols, seed) -> {
            double[] x = random(seed, rows * cols, -3, 3, dtype);
            try (Tensor t = tensor(dtype, rows, cols, x)) {
                assertSum(describe("sum", dtype, rows, cols), dtype, Reference.sum(x), backend().sum(t), x.length,
                        Reference.sumOfMagnitudes(x));
            }
        }), Stream.of(dynamicTest("300 x 700 of mixed magnitudes", () -> {
            for (DType dtype : DType.values()) {
                double[] x = random(15, 300 * 700, -1, 1, dtype);
                for (int i = 0; i < x.length; i += 97) {
                    x[i] = dtype.round(x[i] * 1e4);
                }
                try (Tensor t = tensor(dtype, 300, 700, x)) {
                    assertSum(describe("sum", dtype, 300, 700), dtype, Reference.sum(x), backend().sum(t), x.length,
                            Reference.sumOfMagnitudes(x));
                }
            }
        })));
    }

    @TestFactory
    Stream<DynamicTest> dot() {
        return perTypeAndShape("dot", (dtype, rows, cols, seed) -> {
            double[] a = random(seed, rows * cols, -3, 3, dtype);
            double[] b = random(seed + 1, rows * cols, -3, 3, dtype);
            double[] products = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                products[i] = a[i] * b[i];
            }
            try (Tensor ta = tensor(dtype, rows, cols, a); Tensor tb = tensor(dtype, rows, cols, b)) {
                assertSum(describe("dot", dtype, rows, cols), dtype, Reference.dot(a, b), backend().dot(ta, tb),
                        a.length, Reference.sumOfMagnitudes(products));
                assertSum(describe("dot of a with itself", dtype, rows, cols), dtype, Reference.dot(a, a),
                        backend().dot(ta, ta), a.length, Reference.dot(a, a));
            }
        });
    }

    private void checkRowReduction(String op, DType dtype, int rows, int cols, double[] x, int outRows, int outCols,
            double[] expected, double[] allowed, java.util.function.BiConsumer<Tensor, Tensor> run) {
        try (Tensor in = tensor(dtype, rows, cols, x); Tensor out = backend().allocate(dtype, outRows, outCols)) {
            run.accept(in, out);
            assertWithin(describe(op, dtype, rows, cols), expected, read(out), allowed, 0);
            assertThrows(IllegalArgumentException.class, () -> run.accept(in, in),
                    op + " must reject its output aliasing its input");
        }
    }

    @TestFactory
    Stream<DynamicTest> sumColumns() {
        return perTypeAndShape("sumColumns", (dtype, rows, cols, seed) -> {
            double[] x = random(seed, rows * cols, -3, 3, dtype);
            double[] allowed = Reference.sumColumns(abs(x), rows, cols);
            for (int j = 0; j < cols; j++) {
                allowed[j] = Tolerances.summation(dtype, rows, allowed[j]);
            }
            checkRowReduction("sumColumns", dtype, rows, cols, x, 1, cols, Reference.sumColumns(x, rows, cols),
                    allowed, backend()::sumColumns);
        });
    }

    @TestFactory
    Stream<DynamicTest> sumRows() {
        return perTypeAndShape("sumRows", (dtype, rows, cols, seed) -> {
            double[] x = random(seed, rows * cols, -3, 3, dtype);
            double[] allowed = Reference.sumRows(abs(x), rows, cols);
            for (int i = 0; i < rows; i++) {
                allowed[i] = Tolerances.summation(dtype, cols, allowed[i]);
            }
            checkRowReduction("sumRows", dtype, rows, cols, x, rows, 1, Reference.sumRows(x, rows, cols), allowed,
                    backend()::sumRows);
        });
    }

    @TestFactory
    Stream<DynamicTest> rowMax() {
        return perTypeAndShape("rowMax", (dtype, rows, cols, seed) -> {
            double[] x = random(seed, rows * cols, -3, 3, dtype);
            x[0] = dtype.round(-huge(dtype));
            checkRowReduction("rowMax", dtype, rows, cols, x, rows, 1, Reference.rowMax(x, rows, cols),
                    new double[rows], backend()::rowMax);
        });
    }

    @TestFactory
    Stream<DynamicTest> rowLogSumExp() {
        return Stream.concat(perTypeAndShape("rowLogSumExp", (dtype, rows, cols, seed) -> {
            double[] x = random(seed, rows * cols, -5, 5, dtype);
            checkLogSumExp(dtype, rows, cols, x);
        }), Stream.of(dynamicTest("logits of ±1000 that overflow a naive exp", () -> {
            for (DType dtype : DType.values()) {
                checkLogSumExp(dtype, 3, 3, rounded(dtype, 1000, -1000, 999, -1000, -1000, -1000, 0, 1000, 1000));
            }
        })));
    }

    private void checkLogSumExp(DType dtype, int rows, int cols, double[] x) {
        double[] expected = Reference.rowLogSumExp(x, rows, cols);
        double[] max = Reference.rowMax(x, rows, cols);
        double[] allowed = new double[rows];
        for (int i = 0; i < rows; i++) {
            allowed[i] = Tolerances.scaled(dtype, Math.abs(max[i])).allowed(expected[i])
                    + Tolerances.summation(dtype, cols, 1);
        }
        checkRowReduction("rowLogSumExp", dtype, rows, cols, x, rows, 1, expected, allowed, backend()::rowLogSumExp);
    }

    @TestFactory
    Stream<DynamicTest> argmaxRows() {
        return Stream.concat(perTypeAndShape("argmaxRows", (dtype, rows, cols, seed) -> {
            double[] x = random(seed, rows * cols, -3, 3, dtype);
            try (Tensor t = tensor(dtype, rows, cols, x)) {
                int[] out = new int[rows + 1];
                out[rows] = -7;
                backend().argmaxRows(t, out);
                assertArrayEquals(Reference.argmaxRows(x, rows, cols), Arrays.copyOf(out, rows),
                        describe("argmaxRows", dtype, rows, cols));
                assertEquals(-7, out[rows], "argmaxRows wrote past the rows");
            }
        }), Stream.of(dynamicTest("ties give the first index", () -> {
            for (DType dtype : DType.values()) {
                try (Tensor t = tensor(dtype, 2, 4, new double[] {1, 3, 3, 0, -2, -2, -5, -2})) {
                    int[] out = new int[2];
                    backend().argmaxRows(t, out);
                    assertArrayEquals(new int[] {1, 0}, out, "argmaxRows ties " + dtype.id());
                }
            }
        })));
    }

    private static double[] abs(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.abs(x[i]);
        }
        return out;
    }

    // ---------------------------------------------------------------- fused ops

    /** The two paths of a fused op: the backend's kernel and the composed default on its primitives. */
    private enum Path {
        KERNEL, COMPOSED
    }

    private Stream<DynamicTest> fused(String op, FusedCheck check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path path : Path.values()) {
            for (DType dtype : DType.values()) {
                for (int[] shape : SHAPES) {
                    tests.add(dynamicTest(path.name().toLowerCase() + " " + dtype.id() + " [" + shape[0] + " x "
                            + shape[1] + "]", () -> check.run(path, dtype, shape[0], shape[1],
                                    op.hashCode() + 17L * shape[0] + shape[1])));
                }
            }
        }
        return tests.stream();
    }

    @FunctionalInterface
    private interface FusedCheck {
        void run(Path path, DType dtype, int rows, int cols, long seed);
    }

    private void checkBackward(Path path, String op, DType dtype, int rows, int cols, double[] x, double[] dy,
            double[] expected, Backward kernel, Backward composed) {
        try (Tensor tx = tensor(dtype, rows, cols, x); Tensor tdy = tensor(dtype, rows, cols, dy);
                Tensor dz = backend().allocate(dtype, rows, cols)) {
            (path == Path.KERNEL ? kernel : composed).run(tx, tdy, dz);
            assertClose(describe(op + " (" + path.name().toLowerCase() + ")", dtype, rows, cols), Tolerances.op(dtype),
                    expected, read(dz), cols);
            assertThrows(IllegalArgumentException.class, () -> kernel.run(tx, tdy, tdy),
                    op + " must reject dz aliasing dy");
        }
    }

    @FunctionalInterface
    private interface Backward {
        void run(Tensor x, Tensor dy, Tensor dz);
    }

    @TestFactory
    Stream<DynamicTest> sigmoidBackward() {
        return fused("sigmoidBackward", (path, dtype, rows, cols, seed) -> {
            double[] y = Reference.unary(UnaryOp.SIGMOID, random(seed, rows * cols, -6, 6, DType.FLOAT64));
            y = rounded(dtype, y);
            double[] dy = random(seed + 1, rows * cols, -2, 2, dtype);
            checkBackward(path, "sigmoidBackward", dtype, rows, cols, y, dy, Reference.sigmoidBackward(y, dy),
                    backend()::sigmoidBackward, (a, b, c) -> ComposedOps.sigmoidBackward(backend(), a, b, c));
        });
    }

    @TestFactory
    Stream<DynamicTest> tanhBackward() {
        return fused("tanhBackward", (path, dtype, rows, cols, seed) -> {
            double[] y = rounded(dtype, Reference.unary(UnaryOp.TANH, random(seed, rows * cols, -3, 3, DType.FLOAT64)));
            double[] dy = random(seed + 1, rows * cols, -2, 2, dtype);
            checkBackward(path, "tanhBackward", dtype, rows, cols, y, dy, Reference.tanhBackward(y, dy),
                    backend()::tanhBackward, (a, b, c) -> ComposedOps.tanhBackward(backend(), a, b, c));
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
                try (Tensor tz = tensor(dtype, rows, cols, z); Tensor y = backend().allocate(dtype, rows, cols)) {
                    if (path == Path.KERNEL) {
                        backend().leakyRelu(tz, slope, y);
                    } else {
                        ComposedOps.leakyRelu(backend(), tz, slope, y);
                    }
                    assertClose(describe("leakyRelu slope " + slope + " (" + path.name().toLowerCase() + ")", dtype,
                            rows, cols), Tolerances.op(dtype), Reference.leakyRelu(z, slope), read(y), cols);
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
                checkBackward(path, "leakyReluBackward slope " + slope, dtype, rows, cols, z, dy,
                        Reference.leakyReluBackward(z, slope, dy),
                        (a, b, c) -> backend().leakyReluBackward(a, slope, b, c),
                        (a, b, c) -> ComposedOps.leakyReluBackward(backend(), a, slope, b, c));
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
                try (Tensor tz = tensor(dtype, rows, cols, z); Tensor scratch = backend().allocate(dtype, rows, 1);
                        Tensor y = backend().allocate(dtype, rows, cols)) {
                    if (path == Path.KERNEL) {
                        backend().softmax(tz, scratch, y);
                    } else {
                        ComposedOps.softmax(backend(), tz, scratch, y);
                    }
                    assertClose(describe("softmax" + (large ? " of logits up to ±1000" : "") + " ("
                            + path.name().toLowerCase() + ")", dtype, rows, cols), Tolerances.scaled(dtype,
                                    large ? 1000 : 4), Reference.softmax(z, rows, cols), read(y), cols);
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> softmaxBackward() {
        return fused("softmaxBackward", (path, dtype, rows, cols, seed) -> {
            double[] y = rounded(dtype, Reference.softmax(random(seed, rows * cols, -3, 3, DType.FLOAT64), rows, cols));
            double[] dy = random(seed + 1, rows * cols, -2, 2, dtype);
            try (Tensor ty = tensor(dtype, rows, cols, y); Tensor tdy = tensor(dtype, rows, cols, dy);
                    Tensor scratch = backend().allocate(dtype, rows, 1); Tensor dz = backend().allocate(dtype, rows, cols)) {
                if (path == Path.KERNEL) {
                    backend().softmaxBackward(ty, tdy, scratch, dz);
                } else {
                    ComposedOps.softmaxBackward(backend(), ty, tdy, scratch, dz);
                }
                assertClose(describe("softmaxBackward (" + path.name().toLowerCase() + ")", dtype, rows, cols),
                        Tolerances.scaled(dtype, 2 * cols), Reference.softmaxBackward(y, dy, rows, cols), read(dz),
                        cols);
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
                try (Tensor tz = tensor(dtype, rows, cols, z); Tensor tt = tensor(dtype, rows, cols, t);
                        Tensor scratch = backend().allocate(dtype, rows, 1);
                        Tensor gradient = backend().allocate(dtype, rows, cols)) {
                    double loss = path == Path.KERNEL ? backend().softmaxCrossEntropy(tz, tt, scratch, gradient)
                            : ComposedOps.softmaxCrossEntropy(backend(), tz, tt, scratch, gradient);
                    String what = describe("softmaxCrossEntropy" + (large ? " of logits up to ±1000" : "") + " ("
                            + path.name().toLowerCase() + ")", dtype, rows, cols);
                    Tolerance tolerance = Tolerances.scaled(dtype, large ? 1000 : 4);
                    assertClose(what + " loss", tolerance, expectedLoss, loss);
                    assertClose(what + " gradient", tolerance, expectedGradient, read(gradient), cols);
                    assertThrows(IllegalArgumentException.class,
                            () -> backend().softmaxCrossEntropy(tz, tt, scratch, tz),
                            "softmaxCrossEntropy must reject the gradient aliasing the logits");
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> adamUpdate() {
        return fused("adamUpdate", (path, dtype, rows, cols, seed) -> {
            int n = rows * cols;
            double[] p = random(seed, n, -1, 1, dtype);
            double[] m = new double[n];
            double[] v = new double[n];
            try (Tensor tp = tensor(dtype, rows, cols, p); Tensor tm = backend().allocate(dtype, rows, cols);
                    Tensor tv = backend().allocate(dtype, rows, cols);
                    Tensor scratch = backend().allocate(dtype, rows, cols)) {
                for (int step = 1; step <= 3; step++) {
                    double[] g = random(seed + step, n, -1, 1, dtype);
                    g[0] = dtype.round(1e-10 * step);
                    Reference.adam(p, g, m, v, 0.01, 0.9, 0.999, 1e-8, step);
                    try (Tensor tg = tensor(dtype, rows, cols, g)) {
                        AdamStep adam = new AdamStep(0.01, 0.9, 0.999, 1e-8, step);
                        if (path == Path.KERNEL) {
                            backend().adamUpdate(tp, tg, tm, tv, scratch, adam);
                        } else {
                            ComposedOps.adamUpdate(backend(), tp, tg, tm, tv, scratch, adam);
                        }
                    }
                    String what = describe("adamUpdate step " + step + " (" + path.name().toLowerCase() + ")", dtype,
                            rows, cols);
                    assertClose(what + " parameter", Tolerances.op(dtype), p, read(tp), cols);
                    assertClose(what + " first moment", Tolerances.op(dtype), m, read(tm), cols);
                    assertClose(what + " second moment", Tolerances.op(dtype), v, read(tv), cols);
                }
                assertThrows(IllegalArgumentException.class, () -> backend().adamUpdate(tp, tp, tm, tv, scratch,
                        new AdamStep(0.01, 0.9, 0.999, 1e-8, 1)), "adamUpdate must reject the gradient being the parameter");
            }
        });
    }
}
