package dev.backprop.spi;

/**
 * An array of numbers owned by a {@link Backend}: a {@code double[]}, an EJML matrix, an ND4J array
 * off-heap or on a GPU. Opaque to the framework: it knows its shape and data type, and its contents
 * are read and written only through the owning backend's ops.
 *
 * <p>A tensor has a {@link Shape} of rank 1 to 4 in row-major order (images NCHW). Every op that
 * predates shapes reads it as its matrix view {@link #rows()} × {@link #cols()} (the first dimension ×
 * the product of the others); a vector used as a matrix operand is a 1×n row or n×1 column.
 * {@link TensorStorage#reshape} gives a view of the same storage with another shape. Tensors are not
 * thread-safe.
 */
public interface Tensor extends AutoCloseable {

    /** The dimensions. */
    Shape shape();

    /** Rows of the matrix view: the first dimension, at least 1. */
    default int rows() {
        return shape().rows();
    }

    /** Columns of the matrix view: the product of the other dimensions, at least 1. */
    default int cols() {
        return shape().cols();
    }

    /** Element type. */
    DType dtype();

    /** Number of elements. */
    default long size() {
        return shape().size();
    }

    /**
     * Releases the tensor's storage now instead of when it is garbage collected (off-heap and GPU
     * backends free their memory here). Using a closed tensor afterwards is an error; closing twice
     * is allowed. Closing a {@linkplain TensorStorage#reshape view} frees nothing: the storage belongs
     * to the tensor the view was made from.
     */
    @Override
    void close();

    /** Shape as {@code [rows x cols]} (or {@code [n x c x h x w]}), the form every error message uses. */
    static String shapeOf(Tensor tensor) {
        return tensor.shape().toString();
    }
}
