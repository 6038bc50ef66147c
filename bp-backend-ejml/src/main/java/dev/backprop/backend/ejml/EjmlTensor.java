package dev.backprop.backend.ejml;

import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.support.AbstractTensor;
import org.ejml.data.Matrix;

/**
 * A tensor held in an EJML {@code DMatrixRMaj} (float64) or {@code FMatrixRMaj} (float32) of its
 * matrix view's size; a view wraps the same data array.
 */
final class EjmlTensor extends AbstractTensor {

    /** The matrix, {@code rows() x cols()}. */
    final Matrix matrix;

    EjmlTensor(DType dtype, Shape shape, Matrix matrix) {
        super(dtype, shape);
        this.matrix = matrix;
    }

    /** A view of {@code base}'s data array, wrapped by {@code matrix}. */
    EjmlTensor(EjmlTensor base, Shape shape, Matrix matrix) {
        super(base, shape);
        this.matrix = matrix;
    }
}
