package dev.backprop.backend.nd4j;

import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.support.AbstractTensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tensor held in a row-major ({@code 'c'}) ND4J array of its matrix view's shape
 * {@code [rows, cols]}, the form GEMM and the row/column broadcasts need; closing frees its native
 * memory at once. A view is an ND4J view of the same buffer.
 */
final class Nd4jTensor extends AbstractTensor {

    /** The array, {@code [rows, cols]}. */
    final INDArray array;
    private INDArray flat;
    private INDArray channels;

    Nd4jTensor(DType dtype, Shape shape) {
        super(dtype, shape);
        array = Nd4j.create(dtype == DType.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT,
                new long[] {shape.rows(), shape.cols()}, 'c');
    }

    /** A view of {@code base}'s buffer. */
    Nd4jTensor(Nd4jTensor base, Shape shape) {
        super(base, shape);
        array = base.array.reshape('c', shape.rows(), shape.cols());
    }

    /** The same memory as a vector of {@code size()} elements (a view; made once). */
    INDArray flat() {
        if (flat == null) {
            flat = array.reshape('c', new long[] {size()});
        }
        return flat;
    }

    /** The same memory as {@code [N, C, inner]} for a per-channel broadcast (a view; made once). */
    INDArray channels() {
        if (channels == null) {
            channels = array.reshape('c', shape().dim(0), shape().dim(1), shape().sizeFrom(2));
        }
        return channels;
    }

    @Override
    protected void release() {
        if (array.closeable()) {
            array.close();
        }
    }
}
