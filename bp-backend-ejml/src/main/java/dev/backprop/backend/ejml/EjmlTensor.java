package dev.backprop.backend.ejml;

import dev.backprop.spi.DType;
import dev.backprop.spi.support.AbstractTensor;
import org.ejml.data.Matrix;

/** A tensor held in an EJML {@code DMatrixRMaj} (float64) or {@code FMatrixRMaj} (float32). */
final class EjmlTensor extends AbstractTensor {

    /** The matrix. */
    final Matrix matrix;
    /** The kernels for the matrix type. */
    final EjmlKernels<Matrix> kernels;

    @SuppressWarnings("unchecked")
    EjmlTensor(DType dtype, int rows, int cols) {
        super(dtype, rows, cols);
        kernels = (EjmlKernels<Matrix>) (EjmlKernels<?>) (dtype == DType.FLOAT64 ? Float64EjmlKernels.INSTANCE
                : Float32EjmlKernels.INSTANCE);
        matrix = kernels.create(rows, cols);
    }
}
