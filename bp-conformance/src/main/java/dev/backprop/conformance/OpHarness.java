package dev.backprop.conformance;

import static dev.backprop.conformance.NumericAssertions.assertWithin;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.backprop.init.SeededRandom;
import dev.backprop.numeric.Tolerances;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * What every op check shares: seeded data, the shapes, and {@link #run}, which runs one op and holds
 * it to the SPI's promises beyond its values: every input it may not modify is bit-for-bit unchanged,
 * and every result reads the same twice and again after a further op on it (no stale host copy).
 */
final class OpHarness {

    /**
     * Shapes every element-wise, storage and fused op runs on: 1×1, a row, a column, non-square,
     * square (so a column vector cannot pass for a row vector), tall and wide primes, sizes either
     * side of powers of two, and one of 16,637 elements (above the 4,096 and 16,384 a blocked
     * kernel might switch at).
     */
    static final int[][] SHAPES = {{1, 1}, {1, 7}, {7, 1}, {5, 3}, {3, 5}, {6, 6}, {13, 13}, {33, 64}, {65, 31},
        {1, 129}, {257, 2}, {127, 131}};

    /**
     * Lengths a reduction runs along: every power of two from 2 to 65,536, one below and one above,
     * so a kernel that drops a remainder or a tail above any block size sums the wrong elements.
     */
    static final int[] LENGTHS = lengths(16);

    /** {@link #LENGTHS} up to 8,193, for reductions of a whole matrix along one axis. */
    static final int[] SHORTER_LENGTHS = lengths(13);

    private final BackendConformance kit;

    OpHarness(BackendConformance kit) {
        this.kit = kit;
    }

    private static int[] lengths(int maxPower) {
        List<Integer> all = new ArrayList<>(List.of(1, 2, 3));
        for (int p = 2; p <= maxPower; p++) {
            int n = 1 << p;
            all.addAll(List.of(n - 1, n, n + 1));
        }
        return all.stream().distinct().mapToInt(Integer::intValue).toArray();
    }

    Backend backend() {
        return kit.backend();
    }

    /** Values uniform in {@code [low, high)}, rounded to {@code dtype}. */
    static double[] random(long seed, int n, double low, double high, DType dtype) {
        SeededRandom random = new SeededRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = dtype.round(random.nextDouble(low, high));
        }
        return values;
    }

    static double[] rounded(DType dtype, double... values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = dtype.round(out[i]);
        }
        return out;
    }

    static double[] abs(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.abs(x[i]);
        }
        return out;
    }

    Tensor tensor(DType dtype, int rows, int cols, double[] values) {
        return backend().fromArray(dtype, rows, cols, values);
    }

    double[] read(Tensor t) {
        return backend().toArray(t);
    }

    static String describe(String op, DType dtype, int rows, int cols) {
        return op + " " + dtype.id() + " [" + rows + " x " + cols + "]";
    }

    /** A large magnitude whose square still fits the type. */
    static double huge(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e150 : 1e18;
    }

    /** A small magnitude, well above the subnormal range, whose square is still normal. */
    static double tiny(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e-150 : 1e-18;
    }

    /** One test per data type and shape of {@link #SHAPES}. */
    static Stream<DynamicTest> perTypeAndShape(String op, ShapeCheck check) {
        return perTypeAndShape(op, SHAPES, check);
    }

    /** One test per data type and shape. */
    static Stream<DynamicTest> perTypeAndShape(String op, int[][] shapes, ShapeCheck check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (int[] shape : shapes) {
                tests.add(dynamicTest(dtype.id() + " [" + shape[0] + " x " + shape[1] + "]",
                        () -> check.run(dtype, shape[0], shape[1], op.hashCode() * 31L + shape[0] * 7L + shape[1])));
            }
        }
        return tests.stream();
    }

    /**
     * One test per data type and shape of {@link #SHAPES}, then one test per data type that runs
     * {@code many} (named {@code label}) in turn: long sweeps cost one test each, not one per shape.
     */
    static Stream<DynamicTest> perTypeAndShape(String op, String label, int[][] many, ShapeCheck check) {
        List<DynamicTest> tests = new ArrayList<>(perTypeAndShape(op, check).toList());
        for (DType dtype : DType.values()) {
            tests.add(dynamicTest(dtype.id() + " " + label, () -> {
                for (int[] shape : many) {
                    check.run(dtype, shape[0], shape[1], op.hashCode() * 31L + shape[0] * 7L + shape[1]);
                }
            }));
        }
        return tests.stream();
    }

    /** A check of one op on one data type and shape. */
    @FunctionalInterface
    interface ShapeCheck {
        void run(DType dtype, int rows, int cols, long seed);
    }

    /** Asserts each element within {@link Tolerances#elementwise} of the expected value. */
    static void assertElementwise(String what, DType dtype, double[] expected, double[] actual, int cols) {
        double[] allowed = new double[expected.length];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = Tolerances.elementwise(dtype, expected[i]);
        }
        assertWithin(what + " (within " + (dtype == DType.FLOAT64 ? Tolerances.FLOAT64_ELEMENTWISE_ULPS
                : Tolerances.FLOAT32_ELEMENTWISE_ULPS) + " ulp)", expected, actual, allowed, cols);
    }

    /** Asserts each element within {@link Tolerances#rounding} of its terms' magnitude. */
    static void assertRounding(String what, DType dtype, int roundings, double[] expected, double[] magnitudes,
            double[] actual, int cols) {
        double[] allowed = new double[expected.length];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = Tolerances.rounding(dtype, roundings, magnitudes[i]);
        }
        assertWithin(what, expected, actual, allowed, cols);
    }

    // ---------------------------------------------------------------- running an op

    /** One operand of an op: what the op may do to it. */
    static final class Operand {
        private final Tensor tensor;
        private final double[] values;
        private final boolean result;

        private Operand(Tensor tensor, double[] values, boolean result) {
            this.tensor = tensor;
            this.values = values;
            this.result = result;
        }

        /** An input documented "not modified", holding {@code values} (already rounded to its type). */
        static Operand input(Tensor tensor, double[] values) {
            return new Operand(tensor, values, false);
        }

        /** An output or an input the op modifies: read back (twice, and after a further op). */
        static Operand result(Tensor tensor) {
            return new Operand(tensor, null, true);
        }

        /** A scratch tensor the op may overwrite: neither checked nor read. */
        static Operand scratch(Tensor tensor) {
            return new Operand(tensor, null, false);
        }
    }

    /**
     * Runs {@code op} and checks the promises every op makes: reads every operand first (as a
     * caller might, so that a backend keeping host copies has one), runs the op, then requires each
     * input not aliased by a result to be bit-for-bit what it held, each result to read the same
     * twice, and each result to read as its negation after {@code affine(result, -1, 0, result)} in
     * place (undone afterwards). Returns the results' values, in the order given.
     */
    double[][] run(String what, Runnable op, Operand... operands) {
        for (Operand operand : operands) {
            if (operand.values != null || operand.result) {
                read(operand.tensor);
            }
        }
        op.run();
        List<double[]> results = new ArrayList<>();
        for (Operand operand : operands) {
            if (operand.result) {
                double[] first = read(operand.tensor);
                assertSameBits(what + ": result read a second time", first, read(operand.tensor));
                results.add(first);
            }
        }
        for (Operand operand : operands) {
            if (operand.values != null && !aliasedByResult(operand.tensor, operands)) {
                assertSameBits(what + ": input " + Tensor.shapeOf(operand.tensor)
                        + " documented 'not modified' was changed by the op", operand.values, read(operand.tensor));
            }
        }
        int index = 0;
        for (Operand operand : operands) {
            if (operand.result) {
                double[] first = results.get(index++);
                backend().affine(operand.tensor, -1, 0, operand.tensor);
                assertSameValues(what + ": result read after a further op (negated in place)", negated(first),
                        read(operand.tensor));
                backend().affine(operand.tensor, -1, 0, operand.tensor);
            }
        }
        return results.toArray(new double[0][]);
    }

    /** {@link #run} for an op with one result, returning its values. */
    double[] runOne(String what, Runnable op, Operand... operands) {
        double[][] results = run(what, op, operands);
        if (results.length != 1) {
            throw new IllegalArgumentException("runOne needs exactly one result operand, got " + results.length);
        }
        return results[0];
    }

    private static boolean aliasedByResult(Tensor tensor, Operand... operands) {
        for (Operand operand : operands) {
            if (operand.result && operand.tensor == tensor) {
                return true;
            }
        }
        return false;
    }

    private static double[] negated(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = -values[i];
        }
        return out;
    }

    /** Equality of values: as {@link #assertSameBits}, but {@code 0.0} equals {@code -0.0}. */
    private static void assertSameValues(String what, double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i] && Double.compare(expected[i], actual[i]) != 0) {
                fail(what + ": element [" + i + "] expected " + expected[i] + ", actual " + actual[i]);
            }
        }
    }

    /** Bit-for-bit equality (every NaN equal to every NaN, {@code -0.0} unequal to {@code 0.0}). */
    static void assertSameBits(String what, double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            fail(what + ": expected " + expected.length + " values, got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (Double.compare(expected[i], actual[i]) != 0) {
                fail(what + ": element [" + i + "] expected " + expected[i] + ", actual " + actual[i]);
            }
        }
    }
}
