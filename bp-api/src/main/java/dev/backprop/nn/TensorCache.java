package dev.backprop.nn;

import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
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

    /** A {@code rows} × {@code cols} matrix; contents are whatever the last user left there. */
    public Tensor get(int rows, int cols) {
        if (tensor == null || !tensor.shape().isMatrix() || tensor.rows() != rows || tensor.cols() != cols) {
            return get(Shape.matrix(rows, cols));
        }
        return tensor;
    }

    /** A tensor of {@code shape}; contents are whatever the last user left there. */
    public Tensor get(Shape shape) {
        if (tensor == null || !tensor.shape().equals(shape)) {
            close();
            tensor = backend.allocate(dtype, shape);
        }
        return tensor;
    }

    /**
     * A batch {@code [rows, sample...]}; the shape is made only when the batch size or sample changes, so a
     * steady batch size allocates nothing.
     */
    public Tensor batch(int rows, Shape sample) {
        if (tensor == null || tensor.rows() != rows || !LayerShapes.isBatchOf(tensor.shape(), sample)) {
            return get(Flatten.batchOf(rows, sample));
        }
        return tensor;
    }

    /** A tensor of {@code like}'s shape. */
    public Tensor like(Tensor like) {
        return get(like.shape());
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
