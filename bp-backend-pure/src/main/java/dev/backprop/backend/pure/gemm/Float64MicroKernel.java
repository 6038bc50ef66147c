package dev.backprop.backend.pure.gemm;

// GENERATED-HEADER

/**
 * The innermost block of {@link Float64PackedGemm}: {@code c[mr() × nr()] += a-panel · b-panel}
 * over {@code kc} steps, where the a-panel holds {@code mr()} rows of {@code alpha op(a)} column by
 * column ({@code a[aOffset + p·mr() + i]}) and the b-panel {@code nr()} columns of {@code op(b)} row by
 * row ({@code b[bOffset + p·nr() + j]}); both are zero-padded to full width.
 */
interface Float64MicroKernel {

    /** Rows of a tile. */
    int mr();

    /** Columns of a tile. */
    int nr();

    /**
     * {@code c[cOffset + i·ldc + j] += Σ_p a[aOffset + p·mr() + i] · b[bOffset + p·nr() + j]} for the
     * whole {@code mr() × nr()} tile.
     */
    void multiply(int kc, double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset, int ldc);
}
