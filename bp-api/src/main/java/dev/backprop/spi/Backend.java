package dev.backprop.spi;

import java.util.Set;

/**
 * A linear-algebra backend: the full op set the framework runs on. Obtained from a
 * {@link BackendProvider}; users normally get one from {@link dev.backprop.backend.Backends}.
 *
 * <p>Implementers: implement the {@link RequiredOps}, keep or override the {@link FusedOps}, and run
 * the conformance kit ({@code bp-conformance}) against the result. Extending
 * {@link dev.backprop.spi.support.AbstractBackend} gives the operand checks and dispatch for free.
 * A backend instance may be shared by many models of one thread; it need not be thread-safe.
 */
public interface Backend extends FusedOps, ConvolutionOps {

    /** The provider's stable name, e.g. {@code "pure"}. */
    String name();

    /**
     * The op families this backend implements; by default {@link OpFamily#baseline()}, the families
     * every backend has had since the first SPI. A backend adds a newer family here when it overrides
     * that family's ops.
     */
    default Set<OpFamily> families() {
        return OpFamily.baseline();
    }

    /** Whether tensors of this type can be allocated; both types are expected of a complete backend. */
    default boolean supports(DType dtype) {
        return true;
    }

    /** A matrix holding a copy of {@code values} (row-major, {@code rows*cols} of them). */
    default Tensor fromArray(DType dtype, int rows, int cols, double[] values) {
        return fromArray(dtype, Shape.matrix(rows, cols), values);
    }

    /** A tensor of {@code shape} holding a copy of {@code values} (row-major, {@code shape.size()} of them). */
    default Tensor fromArray(DType dtype, Shape shape, double[] values) {
        if (shape.size() != values.length) {
            throw new IllegalArgumentException("fromArray: " + values.length + " values do not fill " + shape);
        }
        Tensor tensor = allocate(dtype, shape);
        upload(values, 0, tensor);
        return tensor;
    }

    /** A new array holding {@code tensor}'s values in row-major order. */
    default double[] toArray(Tensor tensor) {
        double[] values = new double[Math.toIntExact(tensor.size())];
        download(tensor, values, 0);
        return values;
    }
}
