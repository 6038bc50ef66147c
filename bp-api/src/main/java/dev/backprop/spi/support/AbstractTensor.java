package dev.backprop.spi.support;

import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;

/** Shape, data type and the closed flag of a tensor; a backend's tensor class adds its storage. */
public abstract class AbstractTensor implements Tensor {

    private final DType dtype;
    private final int rows;
    private final int cols;
    private boolean closed;

    /**
     * @throws IllegalArgumentException if a dimension is below 1
     */
    protected AbstractTensor(DType dtype, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("tensor dimensions must be at least 1, got [" + rows + " x " + cols + "]");
        }
        this.dtype = dtype;
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final int cols() {
        return cols;
    }

    @Override
    public final DType dtype() {
        return dtype;
    }

    /** Marks the tensor closed and calls {@link #release()} once. */
    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Whether {@link #close()} was called. */
    public final boolean isClosed() {
        return closed;
    }

    /** Frees the storage; the default does nothing (heap storage is left to the garbage collector). */
    protected void release() {
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + Tensor.shapeOf(this) + " " + dtype.id() + (closed ? " (closed)" : "");
    }
}
