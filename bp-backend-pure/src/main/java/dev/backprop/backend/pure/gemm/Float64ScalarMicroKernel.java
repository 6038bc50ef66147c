package dev.backprop.backend.pure.gemm;

// GENERATED-HEADER

/**
 * A 4×4 tile held in sixteen scalar accumulators: per step, eight loads feed sixteen multiply-adds.
 * The fallback when the Vector API is not enabled.
 */
@SuppressWarnings("cast") // the (double) store casts are the generator's markers; they matter in the float32 twin
final class Float64ScalarMicroKernel implements Float64MicroKernel {

    static final int MR = 4;
    static final int NR = 4;

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
        var c00 = (double) 0;
        var c01 = (double) 0;
        var c02 = (double) 0;
        var c03 = (double) 0;
        var c10 = (double) 0;
        var c11 = (double) 0;
        var c12 = (double) 0;
        var c13 = (double) 0;
        var c20 = (double) 0;
        var c21 = (double) 0;
        var c22 = (double) 0;
        var c23 = (double) 0;
        var c30 = (double) 0;
        var c31 = (double) 0;
        var c32 = (double) 0;
        var c33 = (double) 0;
        for (int p = 0, ap = aOffset, bp = bOffset; p < kc; p++, ap += MR, bp += NR) {
            var b0 = b[bp];
            var b1 = b[bp + 1];
            var b2 = b[bp + 2];
            var b3 = b[bp + 3];
            var a0 = a[ap];
            c00 += a0 * b0;
            c01 += a0 * b1;
            c02 += a0 * b2;
            c03 += a0 * b3;
            var a1 = a[ap + 1];
            c10 += a1 * b0;
            c11 += a1 * b1;
            c12 += a1 * b2;
            c13 += a1 * b3;
            var a2 = a[ap + 2];
            c20 += a2 * b0;
            c21 += a2 * b1;
            c22 += a2 * b2;
            c23 += a2 * b3;
            var a3 = a[ap + 3];
            c30 += a3 * b0;
            c31 += a3 * b1;
            c32 += a3 * b2;
            c33 += a3 * b3;
        }
        int r = cOffset;
        c[r] += c00;
        c[r + 1] += c01;
        c[r + 2] += c02;
        c[r + 3] += c03;
        r += ldc;
        c[r] += c10;
        c[r + 1] += c11;
        c[r + 2] += c12;
        c[r + 3] += c13;
        r += ldc;
        c[r] += c20;
        c[r + 1] += c21;
        c[r + 2] += c22;
        c[r + 3] += c23;
        r += ldc;
        c[r] += c30;
        c[r + 1] += c31;
        c[r + 2] += c32;
        c[r + 3] += c33;
    }
}
