package dev.backprop.spi;

/**
 * Op family: creating tensors and moving data across the edge between Java arrays and a backend.
 * These are the only ops that touch Java arrays; the framework calls them when it loads a batch,
 * reads parameters out or saves a model, never inside a training step's arithmetic.
 */
public interface TensorStorage {

    /**
     * Allocates a zero-filled tensor of {@code shape}.
     *
     * @throws IllegalArgumentException if the backend does not support {@code dtype} or the size
     *     exceeds what the backend can address
     */
    Tensor allocate(DType dtype, Shape shape);

    /**
     * Allocates a zero-filled {@code [rows x cols]} matrix.
     *
     * @throws IllegalArgumentException if {@code rows} or {@code cols} is below 1 or the size exceeds
     *     what the backend can address
     */
    default Tensor allocate(DType dtype, int rows, int cols) {
        return allocate(dtype, Shape.matrix(rows, cols));
    }

    /**
     * A view of {@code x}'s storage with another shape of the same size, in the same row-major order:
     * no element is copied, a write through either tensor is seen by both. Closing the view frees
     * nothing; closing {@code x} invalidates the view (using it then is undefined). Reshaping a view
     * gives another view of the same storage.
     *
     * @param x not modified
     * @throws IllegalArgumentException if {@code shape} holds another number of elements
     */
    Tensor reshape(Tensor x, Shape shape);

    /**
     * Copies {@code out.size()} values from {@code source}, starting at {@code offset}, into
     * {@code out} in row-major order, rounding to {@code out}'s data type.
     *
     * @param source not modified
     * @param out modified
     */
    void upload(double[] source, int offset, Tensor out);

    /**
     * Copies {@code source}'s values in row-major order into {@code out} starting at {@code offset}.
     *
     * @param source not modified
     * @param out modified: {@code source.size()} elements from {@code offset}
     */
    void download(Tensor source, double[] out, int offset);

    /** {@code out = source}; both of the same shape. {@code out == source} is allowed (no-op). */
    void copy(Tensor source, Tensor out);

    /** Sets every element of {@code out} to {@code value} (rounded to its data type). */
    void fill(double value, Tensor out);
}
