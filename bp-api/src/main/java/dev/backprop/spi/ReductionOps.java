package dev.backprop.spi;

/**
 * Op family: reductions. Outputs of these ops must not be their inputs (rejected). Scalar results
 * cross to Java as a {@code double}; a float32 backend may accumulate in float32.
 */
public interface ReductionOps {

    /** {@code sum over i,j of x[i][j]}. */
    double sum(Tensor x);

    /** {@code sum over i,j of a[i][j] * b[i][j]}; {@code a} and {@code b} have one shape. */
    double dot(Tensor a, Tensor b);

    /** {@code out[0][j] = sum over i of x[i][j]}; {@code out} is 1×cols (the gradient of a bias). */
    void sumColumns(Tensor x, Tensor out);

    /** {@code out[i][0] = sum over j of x[i][j]}; {@code out} is rows×1. */
    void sumRows(Tensor x, Tensor out);

    /** {@code out[i][0] = max over j of x[i][j]}; {@code out} is rows×1. */
    void rowMax(Tensor x, Tensor out);

    /**
     * {@code out[i][0] = log(sum over j of e^x[i][j])}, computed stably as
     * {@code m + log(sum e^(x[i][j] - m))} with {@code m} the row maximum, so that logits of ±1000
     * give a finite result in both precisions. {@code out} is rows×1. For a row holding an infinity
     * the result is unspecified.
     */
    void rowLogSumExp(Tensor x, Tensor out);

    /**
     * {@code out[i] = argmax over j of x[i][j]}, the first index on ties. For a row that holds NaN
     * the result is some index in {@code [0, cols)}.
     *
     * @param out modified: at least {@code x.rows()} elements
     */
    void argmaxRows(Tensor x, int[] out);
}
