package dev.backprop.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.spi.DType;
import org.junit.jupiter.api.Test;

class ToleranceTest {

    private final Tolerance tolerance = new Tolerance(1e-12, 1e-9);

    @Test
    void acceptsWithinAbsolutePlusRelative() {
        assertTrue(tolerance.accepts(1.0, 1.0 + 0.9e-9));
        assertFalse(tolerance.accepts(1.0, 1.0 + 1.1e-9));
        assertTrue(tolerance.accepts(0.0, 0.9e-12));
        assertFalse(tolerance.accepts(0.0, 1.1e-12));
    }

    @Test
    void nanAndInfinityMatchOnlyThemselves() {
        assertTrue(tolerance.accepts(Double.NaN, Double.NaN));
        assertFalse(tolerance.accepts(1, Double.NaN));
        assertFalse(tolerance.accepts(Double.NaN, 1));
        assertTrue(tolerance.accepts(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertFalse(tolerance.accepts(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertFalse(tolerance.accepts(1e308, Double.POSITIVE_INFINITY));
    }

    @Test
    void comparisonReportsTheWorstElementWithItsIndex() {
        Comparison c = tolerance.compare(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3.1, 4.001});
        assertFalse(c.passed());
        assertEquals(2, c.worstIndex());
        assertEquals(0.1, c.worstError(), 1e-12);
        String text = c.describeWorst(2);
        assertTrue(text.contains("[1][0]") && text.contains("expected 3.0") && text.contains("actual 3.1"), text);
    }

    @Test
    void rejectsBadBoundsAndLengthMismatch() {
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> tolerance.compare(new double[1], new double[2]));
        assertTrue(tolerance.compare(new double[0], new double[0]).passed());
    }

    @Test
    void elementwiseBoundsAreUlpsWithNoFloor() {
        double sigmoidOfMinus40 = 4.248354255291589e-18;
        assertTrue(Math.abs(Math.nextUp(sigmoidOfMinus40) - sigmoidOfMinus40)
                <= Tolerances.elementwise(DType.FLOAT64, sigmoidOfMinus40));
        assertFalse(sigmoidOfMinus40 <= Tolerances.elementwise(DType.FLOAT64, sigmoidOfMinus40),
                "0 for sigmoid(-40) must fail");
        assertFalse(2e-150 <= Tolerances.elementwise(DType.FLOAT64, 1e-150), "a tiny value of the wrong sign must fail");
        assertEquals(Float.MIN_VALUE * Tolerances.FLOAT32_ELEMENTWISE_ULPS, Tolerances.elementwise(DType.FLOAT32, 0));
    }

    @Test
    void float32ElementwiseBoundRejectsA17BitMantissa() {
        float exact = Float.intBitsToFloat(0x3f80007f);
        float truncated = Float.intBitsToFloat(Float.floatToRawIntBits(exact) & ~0x7f);
        assertTrue(Math.abs(truncated - exact) > Tolerances.elementwise(DType.FLOAT32, exact));
        assertTrue(Math.abs(Math.nextUp(exact) - exact) <= Tolerances.elementwise(DType.FLOAT32, exact));
    }

    @Test
    void roundingBoundScalesWithTheTermsNotTheResult() {
        double allowed = Tolerances.rounding(DType.FLOAT64, 3, 2.0);
        assertEquals(6 * 0x1p-53 * 2.0 + Double.MIN_VALUE, allowed);
        assertTrue(allowed < 1e-14);
    }
}
