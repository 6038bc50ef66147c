package dev.backprop.numeric;

/**
 * Accepts {@code actual} for {@code expected} when {@code |actual - expected| <= absolute +
 * relative * |expected|}. Two NaNs, or two infinities of one sign, are equal; any other NaN or
 * infinity is a mismatch.
 *
 * @param absolute the floor, for expected values near zero
 * @param relative the share of {@code |expected|}
 */
public record Tolerance(double absolute, double relative) {

    /** Both bounds are finite and non-negative. */
    public Tolerance {
        if (!(absolute >= 0) || !(relative >= 0) || Double.isInfinite(absolute) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException("tolerance bounds must be finite and >= 0, got " + absolute + ", "
                    + relative);
        }
    }

    /** The largest error accepted for {@code expected}. */
    public double allowed(double expected) {
        return absolute + relative * Math.abs(expected);
    }

    /**
     * How far outside the tolerance {@code actual} is: {@code |actual - expected| / allowed(expected)},
     * so values above 1 fail; {@code +inf} for a NaN or infinity mismatch.
     */
    public double ratio(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual) || Double.isInfinite(expected)
                || Double.isInfinite(actual)) {
            boolean same = Double.compare(expected, actual) == 0
                    || (Double.isNaN(expected) && Double.isNaN(actual));
            return same ? 0 : Double.POSITIVE_INFINITY;
        }
        double error = Math.abs(actual - expected);
        double allowed = allowed(expected);
        if (allowed == 0) {
            return error == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return error / allowed;
    }

    /** Whether {@code actual} is within tolerance of {@code expected}. */
    public boolean accepts(double expected, double actual) {
        return ratio(expected, actual) <= 1;
    }

    /** Compares two arrays of one length element by element and keeps the worst element. */
    public Comparison compare(double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("cannot compare " + expected.length + " expected values with "
                    + actual.length + " actual values");
        }
        int worst = -1;
        double worstRatio = -1;
        for (int i = 0; i < expected.length; i++) {
            double r = ratio(expected[i], actual[i]);
            if (r > worstRatio) {
                worstRatio = r;
                worst = i;
            }
        }
        return new Comparison(this, expected, actual, worst, worstRatio);
    }

    @Override
    public String toString() {
        return "|actual - expected| <= " + absolute + " + " + relative + "·|expected|";
    }
}
