package dev.backprop.spi;

/** Op family: matrix multiplication. */
public interface MatrixOps {

    /**
     * General matrix multiply, {@code c = alpha * op(a) * op(b) + beta * c}, where {@code op(x)} is
     * {@code x} or its transpose as the flags say; {@code op(a)} is m×k, {@code op(b)} k×n and
     * {@code c} m×n.
     *
     * <p>Obligations: with {@code beta == 0} the previous contents of {@code c} are ignored, even NaN
     * (as in BLAS). {@code c} must not be {@code a} or {@code b}; that is rejected.
     *
     * @param a not modified
     * @param b not modified
     * @param c modified
     */
    void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c);
}
