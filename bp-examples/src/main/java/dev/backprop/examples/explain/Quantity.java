package dev.backprop.examples.explain;

import dev.backprop.inspect.Matrix;

/**
 * One named value of an explained step.
 *
 * @param symbol for example {@code z1} or {@code ∂J/∂W2}
 * @param formula how it is computed from earlier values, e.g. {@code x·W1 + b1}; empty for given values
 * @param computedBy the class and method of the framework that computed it, e.g. {@code Dense.forward}
 * @param value the value
 * @param finiteDifference for a gradient, its central finite difference; {@code null} otherwise
 */
public record Quantity(String symbol, String formula, String computedBy, Matrix value, Matrix finiteDifference) {

    /** A value that is not a gradient. */
    static Quantity of(String symbol, String formula, String computedBy, Matrix value) {
        return new Quantity(symbol, formula, computedBy, value, null);
    }

    /** Whether this is a gradient shown beside its finite difference. */
    public boolean isGradient() {
        return finiteDifference != null;
    }

    /** The largest {@code |value − finiteDifference|}; only for gradients. */
    public double maxDifference() {
        return value.maxDifference(finiteDifference);
    }
}
