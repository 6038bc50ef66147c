package dev.backprop.spi;

/**
 * Op family: creating tensors and moving data across the edge between Java arrays and a backend.
 * These are the only ops that touch Java arrays; the framework calls them when it loads a batch,
 * reads parameters out or saves a model, never inside a training step's arithmetic.
 */
public interface TensorStorage {

    /**
     * Allocates a zero-filled tensor.
     *
     * @throws IllegalArgumentException if {@code rows} or {@code cols} is below 1 or the size exceeds
     *     what the backend can address
     */
    Tensor allocate(DType dtype, int rows, int cols);

    /**
     * Copies {@code rows*cols} values from {@code source}, starting at {@code offset}, into
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
