package dev.backprop.bench;

import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import java.util.SplittableRandom;

/** Operands of one product {@code c[m×n] = op(a) op(b)} on one backend, filled with seeded values in [-1, 1). */
final class GemmCase implements AutoCloseable {

    private final Backend backend;
    private final boolean transposeA;
    private final boolean transposeB;
    private final Tensor a;
    private final Tensor b;
    private final Tensor c;

    GemmCase(Backend backend, DType dtype, GemmShape shape) {
        this(backend, dtype, shape.transposeA, shape.transposeB, shape.m, shape.n, shape.k);
    }

    GemmCase(Backend backend, DType dtype, boolean transposeA, boolean transposeB, int m, int n, int k) {
        this.backend = backend;
        this.transposeA = transposeA;
        this.transposeB = transposeB;
        SplittableRandom random = new SplittableRandom(42);
        a = transposeA ? backend.fromArray(dtype, k, m, values(random, k * m))
                : backend.fromArray(dtype, m, k, values(random, m * k));
        b = transposeB ? backend.fromArray(dtype, n, k, values(random, n * k))
                : backend.fromArray(dtype, k, n, values(random, k * n));
        c = backend.allocate(dtype, m, n);
    }

    static double[] values(SplittableRandom random, int length) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        return x;
    }

    /** {@code c = op(a) op(b)} through the SPI. */
    void run() {
        backend.gemm(transposeA, transposeB, 1, a, b, 0, c);
    }

    /** The result, for keeping the JIT honest. */
    Tensor result() {
        return c;
    }

    @Override
    public void close() {
        a.close();
        b.close();
        c.close();
    }
}
