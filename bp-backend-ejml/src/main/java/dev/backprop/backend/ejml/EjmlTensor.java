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
    /** The kernels for the matrix type. */
    final EjmlKernels<Matrix> kernels;

    @SuppressWarnings("unchecked")
    EjmlTensor(DType dtype, Shape shape) {
        super(dtype, shape);
        kernels = (EjmlKernels<Matrix>) (EjmlKernels<?>) (dtype == DType.FLOAT64 ? Float64EjmlKernels.INSTANCE
                : Float32EjmlKernels.INSTANCE);
        matrix = kernels.create(shape.rows(), shape.cols());
    }

    /** A view of {@code base}'s data array. */
    EjmlTensor(EjmlTensor base, Shape shape) {
        super(base, shape);
        kernels = base.kernels;
        matrix = kernels.view(base.matrix, shape.rows(), shape.cols());
    }
}
