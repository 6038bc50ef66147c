package dev.backprop.nn;

import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;

/**
 * One reusable buffer: {@link #get} returns the same tensor while the shape stays the same and
 * reallocates (closing the old one) when it changes, so a training step with a steady batch shape
 * allocates nothing.
 */
public final class TensorCache implements AutoCloseable {

    private final Backend backend;
    private final DType dtype;
    private Tensor tensor;

    /** An empty cache for tensors of {@code dtype} on {@code backend}. */
    public TensorCache(Backend backend, DType dtype) {
        this.backend = backend;
        this.dtype = dtype;
    }

    /** A tensor of {@code rows} × {@code cols}; contents are whatever the last user left there. */
    public Tensor get(int rows, int cols) {
        if (tensor == null || tensor.rows() != rows || tensor.cols() != cols) {
            close();
            tensor = backend.allocate(dtype, rows, cols);
        }
        return tensor;
    }

    /** A tensor of {@code like}'s shape. */
    public Tensor like(Tensor like) {
        return get(like.rows(), like.cols());
    }

    /** Releases the buffer. */
    @Override
    public void close() {
        if (tensor != null) {
            tensor.close();
            tensor = null;
        }
    }
}
