package dev.backprop.backend.nd4j;

import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.support.AbstractTensor;
import java.util.Arrays;
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
    private INDArray companion;

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

    /**
     * An extra array that lives and dies with this tensor, made on first use and again when asked for
     * another type or shape (a native convolution keeps its input in its {@code columns} tensor's).
     * Only for tensors that own their storage.
     */
    INDArray companion(DataType type, long... shape) {
        if (isView()) {
            throw new IllegalStateException("a view has no companion array");
        }
        if (companion == null || companion.dataType() != type || !Arrays.equals(companion.shape(), shape)) {
            closeCompanion();
            companion = Nd4j.createUninitialized(type, shape, 'c');
        }
        return companion;
    }

    /** The companion array, or null if there is none. */
    INDArray companionIfPresent() {
        return companion;
    }

    @Override
    protected void release() {
        closeCompanion();
        if (array.closeable()) {
            array.close();
        }
    }

    private void closeCompanion() {
        if (companion != null && companion.closeable()) {
            companion.close();
        }
        companion = null;
    }
}
