package dev.backprop.spi;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The dimensions of a {@link Tensor}: rank 1 to 4, row-major (the last index varies fastest). Images
 * are NCHW (batch, channel, row, column), as in PyTorch.
 *
 * <p>Every op that predates shapes reads a tensor as its <em>matrix view</em>: {@link #rows()} (the
 * first dimension) × {@link #cols()} (the product of the others), so {@code [N, 1, 28, 28]} is an
 * {@code N x 784} matrix and a rank-1 {@code [n]} is an {@code n x 1} column. Immutable.
 */
public final class Shape implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The highest rank a tensor may have. */
    public static final int MAX_RANK = 4;

    private final int[] dims;
    private final long size;

    private Shape(int[] dims) {
        if (dims.length < 1 || dims.length > MAX_RANK) {
            throw new IllegalArgumentException("a shape has rank 1 to " + MAX_RANK + ", got " + Arrays.toString(dims));
        }
        long n = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("tensor dimensions must be at least 1, got " + describe(dims));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(describe(dims) + " has more than 2^31 elements");
        }
        this.dims = dims;
        this.size = n;
    }

    /**
     * The shape with these dimensions.
     *
     * @throws IllegalArgumentException if the rank is not 1 to 4, a dimension is below 1 or the size
     *     exceeds {@code 2^31 - 9}
     */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** A matrix {@code [rows x cols]}. */
    public static Shape matrix(int rows, int cols) {
        return new Shape(new int[] {rows, cols});
    }

    /** Number of dimensions, 1 to 4. */
    public int rank() {
        return dims.length;
    }

    /** Dimension {@code axis}, counted from 0. */
    public int dim(int axis) {
        if (axis < 0 || axis >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " outside a shape of rank " + dims.length + " " + this);
        }
        return dims[axis];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Rows of the matrix view: the first dimension. */
    public int rows() {
        return dims[0];
    }

    /** Columns of the matrix view: the product of every dimension after the first (1 for rank 1). */
    public int cols() {
        return (int) (size / dims[0]);
    }

    /** Number of elements. */
    public long size() {
        return size;
    }

    /** The product of the dimensions from {@code axis} on (1 past the last): the stride of {@code axis - 1}. */
    public int sizeFrom(int axis) {
        int n = 1;
        for (int i = axis; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** This shape with a new first dimension (another batch size). */
    public Shape withRows(int rows) {
        int[] copy = dims.clone();
        copy[0] = rows;
        return new Shape(copy);
    }

    /** Whether this is a rank-2 shape. */
    public boolean isMatrix() {
        return dims.length == 2;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** As {@code [2 x 3]}, the form every error message uses. */
    @Override
    public String toString() {
        return describe(dims);
    }

    private static String describe(int[] dims) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            text.append(i == 0 ? "" : " x ").append(dims[i]);
        }
        return text.append(']').toString();
    }
}
