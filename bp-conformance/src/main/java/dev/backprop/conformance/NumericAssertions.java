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
