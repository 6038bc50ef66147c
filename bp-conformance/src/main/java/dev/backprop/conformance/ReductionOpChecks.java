package dev.backprop.conformance;

import static dev.backprop.conformance.NumericAssertions.assertWithin;
import static dev.backprop.conformance.OpHarness.LENGTHS;
import static dev.backprop.conformance.OpHarness.SHORTER_LENGTHS;
import static dev.backprop.conformance.OpHarness.abs;
import static dev.backprop.conformance.OpHarness.describe;
import static dev.backprop.conformance.OpHarness.huge;
import static dev.backprop.conformance.OpHarness.perTypeAndShape;
import static dev.backprop.conformance.OpHarness.random;
import static dev.backprop.conformance.OpHarness.rounded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.backprop.conformance.OpHarness.Operand;
import dev.backprop.conformance.reference.Reference;
import dev.backprop.numeric.Tolerances;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@link dev.backprop.spi.ReductionOps} against {@link Reference}, within the summation bound
 * {@link Tolerances#summation}: along lines of every length either side of each power of two up to
 * 65,537 (sums and dot products) or 8,193 (row and column reductions), as rows, as columns and as
 * matrices. The first and last element of every line is large (half the line's length), so that a
 * kernel dropping an end element or a remainder fails even in float32, where the bound of a long
 * sum is wide; and the row maximum sits first, last or inside.
 */
public abstract class ReductionOpChecks {

    private final OpHarness ops;

    /** For the kit's nested class. */
    protected ReductionOpChecks(BackendConformance kit) {
        this.ops = new OpHarness(kit);
    }

    private Backend backend() {
        return ops.backend();
    }

    /** Every length as one row and as one column. */
    private static int[][] lines(int[] lengths) {
        List<int[]> shapes = new ArrayList<>();
        for (int n : lengths) {
            shapes.add(new int[] {1, n});
            shapes.add(new int[] {n, 1});
        }
        return shapes.toArray(new int[0][]);
    }

    /** Every length by 3 and 3 by every length. */
    private static int[][] matrices(int[] lengths) {
        List<int[]> shapes = new ArrayList<>();
        for (int n : lengths) {
            shapes.add(new int[] {n, 3});
            shapes.add(new int[] {3, n});
        }
        return shapes.toArray(new int[0][]);
    }

    private static final String LINES = "rows and columns of every length 2^p - 1, 2^p, 2^p + 1 up to 65,537";

    private static final String MATRICES = "n x 3 and 3 x n for every n = 2^p - 1, 2^p, 2^p + 1 up to 8,193";

    /**
     * Random values in {@code [-3, 3)} whose lines (rows when {@code alongRows}, else columns) start
     * and end with {@code ±length/2}, where a dropped element cannot hide in the rounding bound.
     */
    private static double[] spiked(long seed, int rows, int cols, boolean alongRows, DType dtype) {
        double[] x = random(seed, rows * cols, -3, 3, dtype);
        int lines = alongRows ? rows : cols;
        int length = alongRows ? cols : rows;
        for (int line = 0; line < lines; line++) {
            double spike = dtype.round((line % 2 == 0 ? 0.5 : -0.5) * length + 1);
            int first = alongRows ? line * cols : line;
            int last = alongRows ? line * cols + cols - 1 : (rows - 1) * cols + line;
            x[first] = spike;
            x[last] = spike;
        }
        return x;
    }

    private static void assertSum(String what, DType dtype, double expected, double actual, int terms,
            double magnitude) {
        assertWithin(what, new double[] {expected}, new double[] {actual},
                new double[] {Tolerances.summation(dtype, terms, magnitude)}, 0);
    }

    @TestFactory
    Stream<DynamicTest> sum() {
        return Stream.concat(perTypeAndShape("sum", LINES, lines(LENGTHS), (dtype, rows, cols, seed) -> {
            double[] x = spiked(seed, 1, rows * cols, true, dtype);
            try (Tensor t = ops.tensor(dtype, rows, cols, x)) {
                double[] result = new double[1];
                String what = describe("sum", dtype, rows, cols);
                ops.run(what, () -> result[0] = backend().sum(t), Operand.input(t, x));
                assertSum(what, dtype, Reference.sum(x), result[0], x.length, Reference.sumOfMagnitudes(x));
            }
        }), Stream.of(dynamicTest("300 x 700 of mixed magnitudes", () -> {
            for (DType dtype : DType.values()) {
                double[] x = random(15, 300 * 700, -1, 1, dtype);
                for (int i = 0; i < x.length; i += 97) {
                    x[i] = dtype.round(x[i] * 1e4);
                }
                try (Tensor t = ops.tensor(dtype, 300, 700, x)) {
                    assertSum(describe("sum", dtype, 300, 700), dtype, Reference.sum(x), backend().sum(t), x.length,
                            Reference.sumOfMagnitudes(x));
                }
            }
        })));
    }

    @TestFactory
    Stream<DynamicTest> dot() {
        return perTypeAndShape("dot", LINES, lines(LENGTHS), (dtype, rows, cols, seed) -> {
            double[] a = spiked(seed, 1, rows * cols, true, dtype);
            double[] b = random(seed + 1, rows * cols, 0.5, 3, dtype);
            double[] products = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                products[i] = a[i] * b[i];
            }
            try (Tensor ta = ops.tensor(dtype, rows, cols, a); Tensor tb = ops.tensor(dtype, rows, cols, b)) {
                double[] result = new double[2];
                String what = describe("dot", dtype, rows, cols);
                ops.run(what, () -> {
                    result[0] = backend().dot(ta, tb);
                    result[1] = backend().dot(ta, ta);
                }, Operand.input(ta, a), Operand.input(tb, b));
                assertSum(what, dtype, Reference.dot(a, b), result[0], a.length, Reference.sumOfMagnitudes(products));
                assertSum(describe("dot of a with itself", dtype, rows, cols), dtype, Reference.dot(a, a), result[1],
                        a.length, Reference.dot(a, a));
            }
        });
    }

    private void checkRowReduction(String op, DType dtype, int rows, int cols, double[] x, int outRows, int outCols,
            double[] expected, double[] allowed, BiConsumer<Tensor, Tensor> run) {
        try (Tensor in = ops.tensor(dtype, rows, cols, x); Tensor out = backend().allocate(dtype, outRows, outCols)) {
            String what = describe(op, dtype, rows, cols);
            double[] actual = ops.runOne(what, () -> run.accept(in, out), Operand.input(in, x), Operand.result(out));
            assertWithin(what, expected, actual, allowed, 0);
            assertThrows(IllegalArgumentException.class, () -> run.accept(in, in),
                    op + " must reject its output aliasing its input");
        }
    }

    @TestFactory
    Stream<DynamicTest> sumColumns() {
        return perTypeAndShape("sumColumns", MATRICES, matrices(SHORTER_LENGTHS), (dtype, rows, cols, seed) -> {
            double[] x = spiked(seed, rows, cols, false, dtype);
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
        return perTypeAndShape("sumRows", MATRICES, matrices(SHORTER_LENGTHS), (dtype, rows, cols, seed) -> {
            double[] x = spiked(seed, rows, cols, true, dtype);
            double[] allowed = Reference.sumRows(abs(x), rows, cols);
            for (int i = 0; i < rows; i++) {
                allowed[i] = Tolerances.summation(dtype, cols, allowed[i]);
            }
            checkRowReduction("sumRows", dtype, rows, cols, x, rows, 1, Reference.sumRows(x, rows, cols), allowed,
                    backend()::sumRows);
        });
    }

    /**
     * Random values whose row maximum (by 1) is the first, the last or a middle element, in turn; every
     * other row lies wholly below zero, so a maximum that starts from 0 shows.
     */
    private static double[] peaked(long seed, int rows, int cols, double low, double high, DType dtype) {
        double[] x = random(seed, rows * cols, low, high, dtype);
        for (int i = 0; i < rows; i++) {
            double shift = i % 2 == 1 ? -(high - low) - 2 : 0;
            for (int j = 0; j < cols; j++) {
                x[i * cols + j] = dtype.round(x[i * cols + j] + shift);
            }
            x[i * cols + peakColumn(i, cols)] = dtype.round(high + 1 + shift);
        }
        return x;
    }

    private static int peakColumn(int row, int cols) {
        return switch (row % 3) {
            case 0 -> cols - 1;
            case 1 -> 0;
            default -> cols / 2;
        };
    }

    @TestFactory
    Stream<DynamicTest> rowMax() {
        return perTypeAndShape("rowMax", MATRICES, matrices(SHORTER_LENGTHS), (dtype, rows, cols, seed) -> {
            double[] x = peaked(seed, rows, cols, -3, 3, dtype);
            if (cols > 1) {
                x[1] = dtype.round(-huge(dtype));
            }
            checkRowReduction("rowMax", dtype, rows, cols, x, rows, 1, Reference.rowMax(x, rows, cols),
                    new double[rows], backend()::rowMax);
        });
    }

    @TestFactory
    Stream<DynamicTest> rowLogSumExp() {
        return Stream.concat(perTypeAndShape("rowLogSumExp", MATRICES, matrices(SHORTER_LENGTHS), (dtype, rows, cols, seed) -> {
            double[] x = peaked(seed, rows, cols, -5, 5, dtype);
            for (int i = 0; i < rows; i++) {
                x[i * cols + peakColumn(i, cols)] = dtype.round(5 + Math.log(cols) - (i % 2 == 1 ? 12 : 0));
            }
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
        return Stream.concat(perTypeAndShape("argmaxRows", MATRICES, matrices(SHORTER_LENGTHS), (dtype, rows, cols, seed) -> {
            double[] x = peaked(seed, rows, cols, -3, 3, dtype);
            try (Tensor t = ops.tensor(dtype, rows, cols, x)) {
                int[] out = new int[rows + 1];
                out[rows] = -7;
                String what = describe("argmaxRows", dtype, rows, cols);
                ops.run(what, () -> backend().argmaxRows(t, out), Operand.input(t, x));
                assertArrayEquals(Reference.argmaxRows(x, rows, cols), Arrays.copyOf(out, rows), what);
                assertEquals(-7, out[rows], "argmaxRows wrote past the rows");
            }
        }), Stream.of(dynamicTest("ties give the first index", () -> {
            for (DType dtype : DType.values()) {
                try (Tensor t = ops.tensor(dtype, 2, 4, new double[] {1, 3, 3, 0, -2, -2, -5, -2})) {
                    int[] out = new int[2];
                    backend().argmaxRows(t, out);
                    assertArrayEquals(new int[] {1, 0}, out, "argmaxRows ties " + dtype.id());
                }
                for (int cols : new int[] {33, 1025, 8193}) {
                    double[] x = random(cols, 3 * cols, -3, 3, dtype);
                    int[] first = {5, cols / 2, 0};
                    for (int i = 0; i < 3; i++) {
                        x[i * cols + first[i]] = 4;
                        x[i * cols + cols - 1] = 4;
                        x[i * cols + (first[i] + cols - 1) / 2] = 4;
                    }
                    try (Tensor t = ops.tensor(dtype, 3, cols, x)) {
                        int[] out = new int[3];
                        backend().argmaxRows(t, out);
                        assertArrayEquals(first, out, "argmaxRows ties in rows of " + cols + " " + dtype.id());
                    }
                }
            }
        })));
    }
}
