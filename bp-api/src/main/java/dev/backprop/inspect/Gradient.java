package dev.backprop.inspect;

/**
 * A gradient of the loss as the backward pass computed it, and, when the trace asked for them, the
 * central finite differences {@code (J(v + h) − J(v − h)) / 2h} of the same elements.
 *
 * @param analytic what the backward pass computed
 * @param numeric the finite differences, or {@code null} when the trace had none
 */
public record Gradient(Matrix analytic, Matrix numeric) {

    /**
     * Checks that both have one shape.
     *
     * @throws IllegalArgumentException if {@code analytic} is null or the shapes differ
     */
    public Gradient {
        if (analytic == null) {
            throw new IllegalArgumentException("the analytic gradient is required");
        }
        if (numeric != null && (numeric.rows() != analytic.rows() || numeric.cols() != analytic.cols())) {
            throw new IllegalArgumentException("finite differences " + numeric.shape() + " do not match the gradient "
                    + analytic.shape());
        }
    }

    /** Whether finite differences were computed. */
    public boolean checked() {
        return numeric != null;
    }

    /**
     * The largest {@code |analytic − numeric|}.
     *
     * @throws IllegalStateException if the trace computed no finite differences
     */
    public double maxDifference() {
        if (numeric == null) {
            throw new IllegalStateException("this trace has no finite differences");
        }
        return analytic.maxDifference(numeric);
    }
}
