package dev.backprop.backend.pure;

import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.support.AbstractTensor;

/** A tensor on the Java heap: {@code double[]} for float64, {@code float[]} for float32, row-major. */
final class PureTensor extends AbstractTensor {

    /** The storage: a {@code double[]} or a {@code float[]}, shared with the tensor's views. */
    final Object data;
    /** The kernels for the storage type. */
    final Kernels<Object> kernels;

    @SuppressWarnings("unchecked")
    PureTensor(DType dtype, Shape shape) {
        super(dtype, shape);
        int n = (int) shape.size();
        if (dtype == DType.FLOAT64) {
            data = new double[n];
            kernels = (Kernels<Object>) (Kernels<?>) Float64Kernels.INSTANCE;
        } else {
            data = new float[n];
            kernels = (Kernels<Object>) (Kernels<?>) Float32Kernels.INSTANCE;
        }
    }

    /** A view of {@code base}'s array. */
    PureTensor(PureTensor base, Shape shape) {
        super(base, shape);
        data = base.data;
        kernels = base.kernels;
    }

    int length() {
        return (int) size();
    }
}
