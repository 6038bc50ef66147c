package dev.backprop.nn;

import dev.backprop.spi.Backend;
import dev.backprop.spi.Tensor;
import java.util.Arrays;

/**
 * A trainable tensor and the gradient of the loss with respect to it, as the last backward pass
 * left it. Values cross to Java arrays only through {@link #values()} and {@link #set(double[])}.
 */
public final class Parameter implements AutoCloseable {

    private final String name;
    private final Backend backend;
    private final Tensor value;
    private final Tensor gradient;

    /**
     * A parameter that owns {@code value} (closed with it) and a zero gradient of its shape; for layer
     * kinds defined outside this package too.
     *
     * @param name unique in its model, {@code <layer>.<part>}, e.g. {@code dense_1.W}: the key in model files
     */
    public Parameter(String name, Backend backend, Tensor value) {
        this.name = name;
        this.backend = backend;
        this.value = value;
        this.gradient = backend.allocate(value.dtype(), value.shape());
    }

    /** For example {@code dense_1.W} or {@code dense_1.b}. */
    public String name() {
        return name;
    }

    /** The backend the values live on. */
    public Backend backend() {
        return backend;
    }

    /** Number of rows (a bias is one row). */
    public int rows() {
        return value.rows();
    }

    /** Number of columns. */
    public int cols() {
        return value.cols();
    }

    /** The backend tensor holding the values; optimizers update it in place. */
    public Tensor value() {
        return value;
    }

    /** The backend tensor holding the gradient of the last backward pass. */
    public Tensor gradient() {
        return gradient;
    }

    /** A copy of the values, row-major. */
    public double[] values() {
        return backend.toArray(value);
    }

    /** A copy of the gradient, row-major. */
    public double[] gradientValues() {
        return backend.toArray(gradient);
    }

    /** A copy of the values as {@code [rows][cols]}. */
    public double[][] toMatrix() {
        double[] flat = values();
        double[][] matrix = new double[rows()][];
        for (int r = 0; r < matrix.length; r++) {
            matrix[r] = Arrays.copyOfRange(flat, r * cols(), (r + 1) * cols());
        }
        return matrix;
    }

    /**
     * Replaces the values (row-major, {@code rows*cols} of them).
     *
     * @throws IllegalArgumentException if the count is wrong or a value is NaN or infinite; nothing is
     *     changed then
     */
    public void set(double[] rowMajor) {
        if (rowMajor.length != value.size()) {
            throw new IllegalArgumentException("parameter " + name + " is " + Tensor.shapeOf(value) + " = "
                    + value.size() + " values, got " + rowMajor.length);
        }
        for (int i = 0; i < rowMajor.length; i++) {
            if (!Double.isFinite(rowMajor[i])) {
                throw new IllegalArgumentException("parameter " + name + " value [" + i / cols() + "][" + i % cols()
                        + "] is " + rowMajor[i]);
            }
        }
        backend.upload(rowMajor, 0, value);
    }

    /** Replaces the values from {@code [rows][cols]}. */
    public void set(double[][] matrix) {
        if (matrix.length != rows()) {
            throw new IllegalArgumentException("parameter " + name + " has " + rows() + " rows, got " + matrix.length);
        }
        double[] flat = new double[Math.toIntExact(value.size())];
        for (int r = 0; r < matrix.length; r++) {
            if (matrix[r].length != cols()) {
                throw new IllegalArgumentException("parameter " + name + " has " + cols() + " columns, row " + r
                        + " has " + matrix[r].length);
            }
            System.arraycopy(matrix[r], 0, flat, r * cols(), cols());
        }
        set(flat);
    }

    @Override
    public void close() {
        value.close();
        gradient.close();
    }

    @Override
    public String toString() {
        return name + Tensor.shapeOf(value);
    }
}
