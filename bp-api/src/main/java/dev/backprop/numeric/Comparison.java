package dev.backprop.numeric;

/**
 * The result of comparing two arrays with a {@link Tolerance}: whether all elements passed and which
 * element was worst.
 */
public final class Comparison {

    private final Tolerance tolerance;
    private final double[] expected;
    private final double[] actual;
    private final int worst;
    private final double worstRatio;

    Comparison(Tolerance tolerance, double[] expected, double[] actual, int worst, double worstRatio) {
        this.tolerance = tolerance;
        this.expected = expected;
        this.actual = actual;
        this.worst = worst;
        this.worstRatio = worstRatio;
    }

    /** Whether every element is within tolerance (true for empty arrays). */
    public boolean passed() {
        return worst < 0 || worstRatio <= 1;
    }

    /** Index of the worst element, -1 for empty arrays. */
    public int worstIndex() {
        return worst;
    }

    /** The worst element's error over the allowed error (above 1 fails). */
    public double worstRatio() {
        return Math.max(worstRatio, 0);
    }

    /** The worst element's absolute error {@code |actual - expected|}. */
    public double worstError() {
        return worst < 0 ? 0 : Math.abs(actual[worst] - expected[worst]);
    }

    /**
     * The worst element in words, with its index as {@code [row][col]} for a matrix of {@code cols}
     * columns (pass 0 for a flat index).
     */
    public String describeWorst(int cols) {
        if (worst < 0) {
            return "no elements";
        }
        String index = cols > 0 ? "[" + worst / cols + "][" + worst % cols + "]" : "[" + worst + "]";
        return "worst element " + index + ": expected " + expected[worst] + ", actual " + actual[worst]
                + ", error " + worstError() + " vs allowed " + tolerance.allowed(expected[worst])
                + " (" + tolerance + ")";
    }

    @Override
    public String toString() {
        return (passed() ? "passed, " : "FAILED, ") + describeWorst(0);
    }
}
