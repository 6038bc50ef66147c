package dev.backprop.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
