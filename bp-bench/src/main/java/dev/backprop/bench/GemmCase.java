package dev.backprop.bench;

import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import java.util.SplittableRandom;

/** Operands of one {@link GemmShape} on one backend, filled with seeded values in [-1, 1). */
final class GemmCase implements AutoCloseable {

    private final Backend backend;
    private final GemmShape shape;
    private final Tensor a;
    private final Tensor b;
    private final Tensor c;

    GemmCase(Backend backend, DType dtype, GemmShape shape) {
        this.backend = backend;
        this.shape = shape;
        SplittableRandom random = new SplittableRandom(42);
        a = backend.fromArray(dtype, shape.aRows(), shape.aCols(), values(random, shape.aRows() * shape.aCols()));
        b = backend.fromArray(dtype, shape.bRows(), shape.bCols(), values(random, shape.bRows() * shape.bCols()));
        c = backend.allocate(dtype, shape.m, shape.n);
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
        backend.gemm(shape.transposeA, shape.transposeB, 1, a, b, 0, c);
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
