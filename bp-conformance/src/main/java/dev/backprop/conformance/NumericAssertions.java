package dev.backprop.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.numeric.Comparison;
import dev.backprop.numeric.Tolerance;

/**
 * The kit's one assertion helper: compares arrays element by element with a {@link Tolerance} and, on
 * failure, names the check, the worst element's index, both values, its error and the allowed error.
 */
public final class NumericAssertions {

    private NumericAssertions() {
    }

    /** Asserts {@code actual} is within {@code tolerance} of {@code expected} (flat, {@code cols} per row). */
    public static Comparison assertClose(String what, Tolerance tolerance, double[] expected, double[] actual,
            int cols) {
        if (expected.length != actual.length) {
            fail(what + ": expected " + expected.length + " values, got " + actual.length);
        }
        Comparison comparison = tolerance.compare(expected, actual);
        ConformanceReport.record(what, comparison.worstError(), comparison.worstRatio());
        if (!comparison.passed()) {
            fail(what + ": " + comparison.describeWorst(cols));
        }
        return comparison;
    }

    /** Asserts a matrix given as rows. */
    public static Comparison assertClose(String what, Tolerance tolerance, double[][] expected, double[] actual) {
        return assertClose(what, tolerance, flatten(expected), actual, expected[0].length);
    }

    /** Asserts one value. */
    public static Comparison assertClose(String what, Tolerance tolerance, double expected, double actual) {
        return assertClose(what, tolerance, new double[] {expected}, new double[] {actual}, 0);
    }

    /**
     * Asserts {@code |actual[i] - expected[i]| <= allowed[i]} for every element, reporting the element
     * with the largest error-to-bound ratio (for ops whose error scales with their inputs, such as GEMM).
     */
    public static void assertWithin(String what, double[] expected, double[] actual, double[] allowed, int cols) {
        if (expected.length != actual.length) {
            fail(what + ": expected " + expected.length + " values, got " + actual.length);
        }
        int worst = -1;
        double worstRatio = 0;
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]);
            boolean same = Double.compare(expected[i], actual[i]) == 0 || error == 0;
            double ratio = same ? 0 : Double.isNaN(error) || Double.isInfinite(error) ? Double.POSITIVE_INFINITY
                    : error / allowed[i];
            if (ratio > worstRatio || worst < 0) {
                worstRatio = ratio;
                worst = i;
            }
        }
        ConformanceReport.record(what, worst < 0 ? 0 : Math.abs(actual[worst] - expected[worst]), worstRatio);
        if (worstRatio > 1) {
            String index = cols > 0 ? "[" + worst / cols + "][" + worst % cols + "]" : "[" + worst + "]";
            fail(what + ": worst element " + index + ": expected " + expected[worst] + ", actual " + actual[worst]
                    + ", error " + Math.abs(actual[worst] - expected[worst]) + " vs allowed " + allowed[worst]);
        }
    }

    /** Row-major copy of {@code rows}. */
    public static double[] flatten(double[][] rows) {
        int cols = rows[0].length;
        double[] flat = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return flat;
    }
}
