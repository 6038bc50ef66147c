package dev.backprop.backend.nd4j;

import dev.backprop.spi.DType;
import dev.backprop.spi.support.AbstractTensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A tensor held in a row-major ({@code 'c'}) ND4J array; closing frees its native memory at once. */
final class Nd4jTensor extends AbstractTensor {

    /** The array, {@code [rows, cols]}. */
    final INDArray array;
    private INDArray flat;

    Nd4jTensor(DType dtype, int rows, int cols) {
        super(dtype, rows, cols);
        array = Nd4j.create(dtype == DType.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT, new long[] {rows, cols}, 'c');
    }

    /** The same memory as a vector of {@code rows*cols} elements (a view; made once). */
    INDArray flat() {
        if (flat == null) {
            flat = array.reshape('c', new long[] {size()});
        }
        return flat;
    }

    @Override
    protected void release() {
        if (array.closeable()) {
            array.close();
        }
    }
}
