package dev.backprop.backend.pure;

import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.support.AbstractTensor;

/** A tensor on the Java heap: {@code double[]} for float64, {@code float[]} for float32, row-major. */
final class PureTensor extends AbstractTensor {

    /** The storage: a {@code double[]} or a {@code float[]}, shared with the tensor's views. */
    final Object data;

    PureTensor(DType dtype, Shape shape, Object data) {
        super(dtype, shape);
        this.data = data;
    }

    /** A view of {@code base}'s array. */
    PureTensor(PureTensor base, Shape shape) {
        super(base, shape);
        data = base.data;
    }

    int length() {
        return (int) size();
    }
}
