package dev.backprop.spi;

/**
 * A two-dimensional array of numbers owned by a {@link Backend}: a {@code double[]}, an EJML matrix,
 * an ND4J array off-heap or on a GPU. Opaque to the framework: it knows its shape and data type, and
 * its contents are read and written only through the owning backend's ops.
 *
 * <p>Every tensor is a matrix of {@link #rows()} × {@link #cols()} in row-major order; a vector is a
 * 1×n (row vector) or n×1 (column vector) matrix. Tensors are not thread-safe.
 */
public interface Tensor extends AutoCloseable {

    /** Number of rows, at least 1. */
    int rows();

    /** Number of columns, at least 1. */
    int cols();

    /** Element type. */
    DType dtype();

    /** Number of elements, {@code rows() * cols()}. */
    default long size() {
        return (long) rows() * cols();
    }

    /**
     * Releases the tensor's storage now instead of when it is garbage collected (off-heap and GPU
     * backends free their memory here). Using a closed tensor afterwards is an error; closing twice
     * is allowed.
     */
    @Override
    void close();

    /** Shape as {@code [rows x cols]}, the form every error message uses. */
    static String shapeOf(Tensor tensor) {
        return "[" + tensor.rows() + " x " + tensor.cols() + "]";
    }
}
