package dev.backprop.bench;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One {@link GemmShape} in raw ND4J ({@code Nd4j.gemm} into a preallocated result): the yardstick of W3. */
final class Nd4jGemmCase {

    private final GemmShape shape;
    private final INDArray a;
    private final INDArray b;
    private final INDArray c;

    Nd4jGemmCase(boolean float64, GemmShape shape) {
        this.shape = shape;
        DataType type = float64 ? DataType.DOUBLE : DataType.FLOAT;
        SplittableRandom random = new SplittableRandom(42);
        a = Nd4j.create(GemmCase.values(random, shape.aRows() * shape.aCols()), new long[] {shape.aRows(),
            shape.aCols()}, type);
        b = Nd4j.create(GemmCase.values(random, shape.bRows() * shape.bCols()), new long[] {shape.bRows(),
            shape.bCols()}, type);
        c = Nd4j.create(type, shape.m, shape.n);
    }

    void run() {
        Nd4j.gemm(a, b, c, shape.transposeA, shape.transposeB, 1.0, 0.0);
    }

    INDArray result() {
        return c;
    }
}
