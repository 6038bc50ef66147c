package dev.backprop.spi.support;

import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;

/**
 * Shape, data type and the closed flag of a tensor; a backend's tensor class adds its storage. A
 * {@linkplain dev.backprop.spi.TensorStorage#reshape view} remembers the tensor that owns its
 * storage: closing the view releases nothing, and closing the owner closes its views too.
 */
public abstract class AbstractTensor implements Tensor {

    private final DType dtype;
    private final Shape shape;
    private final AbstractTensor owner;
    private boolean closed;

    /** A tensor that owns its storage. */
    protected AbstractTensor(DType dtype, Shape shape) {
        this.dtype = dtype;
        this.shape = shape;
        this.owner = null;
    }

    /**
     * A matrix that owns its storage.
     *
     * @throws IllegalArgumentException if a dimension is below 1
     */
    protected AbstractTensor(DType dtype, int rows, int cols) {
        this(dtype, Shape.matrix(rows, cols));
    }

    /** A view of {@code base}'s storage with {@code shape} (of the same size). */
    protected AbstractTensor(AbstractTensor base, Shape shape) {
        this.dtype = base.dtype;
        this.shape = shape;
        this.owner = base.owner != null ? base.owner : base;
    }

    @Override
    public final Shape shape() {
        return shape;
    }

    @Override
    public final int rows() {
        return shape.rows();
    }

    @Override
    public final int cols() {
        return shape.cols();
    }

    @Override
    public final DType dtype() {
        return dtype;
    }

    /** Marks the tensor closed and, unless it is a view, calls {@link #release()} once. */
    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            if (owner == null) {
                release();
            }
        }
    }

    /** Whether {@link #close()} was called on this tensor or on the tensor that owns its storage. */
    public final boolean isClosed() {
        return closed || owner != null && owner.closed;
    }

    /** Whether this tensor is a view of another's storage. */
    public final boolean isView() {
        return owner != null;
    }

    /** Frees the storage; the default does nothing (heap storage is left to the garbage collector). */
    protected void release() {
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + shape + " " + dtype.id() + (isView() ? " (view)" : "")
                + (isClosed() ? " (closed)" : "");
    }
}
