package dev.backprop.backend.pure.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

// GENERATED-HEADER

/**
 * A 4 × (3 vectors) tile in twelve vector accumulators: per step, three vector loads of the b-panel
 * and four broadcasts of the a-panel feed twelve fused multiply-adds. The vectors have the CPU's
 * preferred width (16 floats or 8 doubles with AVX-512).
 */
final class Float64VectorMicroKernel implements Float64MicroKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    static final int MR = 4;
    static final int NR = 3 * L;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void multiply(int kc, double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset,
            int ldc) {
        var c00 = DoubleVector.zero(SPECIES);
        var c01 = DoubleVector.zero(SPECIES);
        var c02 = DoubleVector.zero(SPECIES);
        var c10 = DoubleVector.zero(SPECIES);
        var c11 = DoubleVector.zero(SPECIES);
        var c12 = DoubleVector.zero(SPECIES);
        var c20 = DoubleVector.zero(SPECIES);
        var c21 = DoubleVector.zero(SPECIES);
        var c22 = DoubleVector.zero(SPECIES);
        var c30 = DoubleVector.zero(SPECIES);
        var c31 = DoubleVector.zero(SPECIES);
        var c32 = DoubleVector.zero(SPECIES);
        for (int p = 0, ap = aOffset, bp = bOffset; p < kc; p++, ap += MR, bp += NR) {
            var b0 = DoubleVector.fromArray(SPECIES, b, bp);
            var b1 = DoubleVector.fromArray(SPECIES, b, bp + L);
            var b2 = DoubleVector.fromArray(SPECIES, b, bp + 2 * L);
            var a0 = DoubleVector.broadcast(SPECIES, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            var a1 = DoubleVector.broadcast(SPECIES, a[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            var a2 = DoubleVector.broadcast(SPECIES, a[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            var a3 = DoubleVector.broadcast(SPECIES, a[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
        }
        addRow(c00, c01, c02, c, cOffset);
        addRow(c10, c11, c12, c, cOffset + ldc);
        addRow(c20, c21, c22, c, cOffset + 2 * ldc);
        addRow(c30, c31, c32, c, cOffset + 3 * ldc);
    }

    private static void addRow(DoubleVector v0, DoubleVector v1, DoubleVector v2, double[] c, int offset) {
        v0.add(DoubleVector.fromArray(SPECIES, c, offset)).intoArray(c, offset);
        v1.add(DoubleVector.fromArray(SPECIES, c, offset + L)).intoArray(c, offset + L);
        v2.add(DoubleVector.fromArray(SPECIES, c, offset + 2 * L)).intoArray(c, offset + 2 * L);
    }
}
