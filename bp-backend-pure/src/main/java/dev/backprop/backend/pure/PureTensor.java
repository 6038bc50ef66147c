package dev.backprop.backend.pure;

import dev.backprop.spi.DType;
import dev.backprop.spi.support.AbstractTensor;

/** A tensor on the Java heap: {@code double[]} for float64, {@code float[]} for float32, row-major. */
final class PureTensor extends AbstractTensor {

    /** The storage: a {@code double[]} or a {@code float[]}. */
    final Object data;
    /** The kernels for the storage type. */
    final Kernels<Object> kernels;

    @SuppressWarnings("unchecked")
    PureTensor(DType dtype, int rows, int cols) {
        super(dtype, rows, cols);
        int n = rows * cols;
        if (dtype == DType.FLOAT64) {
            data = new double[n];
            kernels = (Kernels<Object>) (Kernels<?>) Float64Kernels.INSTANCE;
        } else {
            data = new float[n];
            kernels = (Kernels<Object>) (Kernels<?>) Float32Kernels.INSTANCE;
        }
    }

    int length() {
        return rows() * cols();
    }
}
