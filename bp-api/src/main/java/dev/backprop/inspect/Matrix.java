package dev.backprop.inspect;

import dev.backprop.spi.Backend;
import dev.backprop.spi.Tensor;
import java.util.Arrays;

/**
 * A host copy of a tensor's matrix view ({@code rows × cols}, row-major), taken when a {@link Tracer}
 * recorded it.
 *
 * @param rows rows
 * @param cols columns
 * @param values {@code rows·cols} values, row-major (copied in and out)
 */
public record Matrix(int rows, int cols, double[] values) {

    /**
     * Copies the values.
     *
     * @throws IllegalArgumentException if the count is not {@code rows·cols}
     */
    public Matrix {
        if (rows < 0 || cols < 0 || values.length != (long) rows * cols) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix needs " + (long) rows * cols
                    + " values, got " + values.length);
        }
        values = values.clone();
    }

    static Matrix of(Backend backend, Tensor tensor) {
        return new Matrix(tensor.rows(), tensor.cols(), backend.toArray(tensor));
    }

    /** A copy of the values, row-major. */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** The element in row {@code row} and column {@code col}. */
    public double get(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("[" + row + "][" + col + "] outside " + shape());
        }
        return values[row * cols + col];
    }

    /** The values as {@code [rows][cols]}. */
    public double[][] toArray() {
        double[][] result = new double[rows][];
        for (int r = 0; r < rows; r++) {
            result[r] = Arrays.copyOfRange(values, r * cols, (r + 1) * cols);
        }
        return result;
    }

    /** The largest absolute value, 0 for an empty matrix. */
    public double maxAbs() {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /**
     * The largest {@code |this − other|} over all elements.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public double maxDifference(Matrix other) {
        if (rows != other.rows || cols != other.cols) {
            throw new IllegalArgumentException("cannot compare " + shape() + " with " + other.shape());
        }
        double max = 0;
        for (int i = 0; i < values.length; i++) {
            max = Math.max(max, Math.abs(values[i] - other.values[i]));
        }
        return max;
    }

    /** For example {@code [4×5]}. */
    public String shape() {
        return "[" + rows + "×" + cols + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Matrix" + shape() + Arrays.toString(values);
    }
}
