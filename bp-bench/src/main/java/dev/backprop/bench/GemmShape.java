package dev.backprop.bench;

/**
 * The GEMM shapes of W3: the square {@code n = 1024} product and the three products of the first
 * layer of the Fashion-MNIST MLP (784 → 256, batch 128) in training.
 */
public enum GemmShape {
    /** {@code 1024×1024 · 1024×1024}. */
    SQUARE_1024(false, false, 1024, 1024, 1024),
    /** Forward: {@code x[128×784] · W[784×256]}. */
    FORWARD(false, false, 128, 256, 784),
    /** Weight gradient: {@code xᵀ · dy}, {@code x} stored 128×784, {@code dy} 128×256. */
    WEIGHT_GRADIENT(true, false, 784, 256, 128),
    /** Input gradient: {@code dy · Wᵀ}, {@code dy} 128×256, {@code W} stored 784×256. */
    INPUT_GRADIENT(false, true, 128, 784, 256);

    final boolean transposeA;
    final boolean transposeB;
    final int m;
    final int n;
    final int k;

    GemmShape(boolean transposeA, boolean transposeB, int m, int n, int k) {
        this.transposeA = transposeA;
        this.transposeB = transposeB;
        this.m = m;
        this.n = n;
        this.k = k;
    }

    /** Floating-point operations of one product: {@code 2mnk}. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    int aRows() {
        return transposeA ? k : m;
    }

    int aCols() {
        return transposeA ? m : k;
    }

    int bRows() {
        return transposeB ? n : k;
    }

    int bCols() {
        return transposeB ? k : n;
    }

    /** How the table names it, e.g. {@code 128x784·784x256} or {@code (128x784)ᵀ·128x256}. */
    public String label() {
        String a = aRows() + "x" + aCols();
        String b = bRows() + "x" + bCols();
        return (transposeA ? "(" + a + ")T" : a) + "*" + (transposeB ? "(" + b + ")T" : b);
    }
}
