package dev.backprop.spi;

/**
 * Op family: element-wise arithmetic. Every op here allows its output to be one of its inputs of the
 * same shape ({@code out == x}): each output element depends only on the input elements at the same
 * position.
 */
public interface ElementwiseOps {

    /** {@code out[i][j] = op(x[i][j])}; {@code out} has {@code x}'s shape and may be {@code x}. */
    void unary(UnaryOp op, Tensor x, Tensor out);

    /**
     * {@code out[i][j] = op(a[i][j], b')} where {@code b'} is {@code b[i][j]} if {@code b} has
     * {@code a}'s shape, {@code b[0][j]} if {@code b} is a 1×cols row vector (broadcast down the rows:
     * a bias), or {@code b[i][0]} if {@code b} is a rows×1 column vector (broadcast along each row).
     * When {@code a} itself is 1×1 or a vector, the same-shape reading wins.
     *
     * @param out {@code a}'s shape; may be {@code a}, or {@code b} when {@code b} has {@code a}'s shape
     */
    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /** {@code out = alpha * a + beta * b}, all of one shape; {@code out} may be {@code a} or {@code b}. */
    void linear(double alpha, Tensor a, double beta, Tensor b, Tensor out);

    /** {@code out = scale * x + shift}; {@code out} may be {@code x}. */
    void affine(Tensor x, double scale, double shift, Tensor out);

    /**
     * {@code out = min(max(x, min), max)}; for NaN, NaN or a bound (as {@link BinaryOp#MAX}). Infinite
     * bounds are allowed.
     *
     * @throws IllegalArgumentException if {@code min > max}
     */
    void clamp(Tensor x, double min, double max, Tensor out);
}
