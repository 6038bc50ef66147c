package dev.backprop.backend.pure.gemm;

/**
 * {@code c = alpha op(a) op(b) + beta c} on row-major element arrays of one precision, where
 * {@code op(x)} is {@code x} or its transpose, {@code op(a)} is {@code m × k} and {@code op(b)} is
 * {@code k × n}. The caller has checked the shapes; {@code c} must not alias {@code a} or {@code b}.
 * With {@code beta == 0} the old contents of {@code c} are ignored (NaN included).
 *
 * @param <A> the element array type, {@code double[]} or {@code float[]}
 */
public interface Gemm<A> {

    /**
     * Computes {@code c = alpha op(a) op(b) + beta c}.
     *
     * @param transposeA whether {@code op(a)} is {@code aᵀ} ({@code a} is then stored {@code k × m})
     * @param transposeB whether {@code op(b)} is {@code bᵀ} ({@code b} is then stored {@code n × k})
     * @param m rows of {@code c}
     * @param n columns of {@code c}
     * @param k the shared dimension
     * @param alpha scale of the product
     * @param a left operand; not modified
     * @param b right operand; not modified
     * @param beta scale of the old {@code c}
     * @param c the {@code m × n} result; modified
     */
    void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, A a, A b, double beta, A c);
}
