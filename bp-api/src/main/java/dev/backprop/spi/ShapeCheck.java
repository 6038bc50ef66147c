package dev.backprop.spi;

/**
 * The operand checks every backend applies before an op, so that a mistake gives the same clear
 * {@link IllegalArgumentException} on every backend: it names the op and the shapes involved.
 * {@link dev.backprop.spi.support.AbstractBackend} calls these; a backend that implements
 * {@link Backend} directly should too.
 */
public final class ShapeCheck {

    private ShapeCheck() {
    }

    /** {@code a} and {@code b} have one data type. */
    public static void sameType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw mixedTypes(op, a, b);
        }
    }

    /** {@code a}, {@code b} and {@code c} have one data type. */
    public static void sameType(String op, Tensor a, Tensor b, Tensor c) {
        sameType(op, a, b);
        sameType(op, a, c);
    }

    /**
     * All tensors have {@code tensors[0]}'s data type. The checks of one to three tensors have
     * overloads of fixed arity, so that a training step's checks allocate no array.
     */
    public static void sameType(String op, Tensor... tensors) {
        for (Tensor t : tensors) {
            sameType(op, tensors[0], t);
        }
    }

    private static IllegalArgumentException mixedTypes(String op, Tensor a, Tensor b) {
        return new IllegalArgumentException(op + ": mixed data types " + a.dtype().id() + " and " + b.dtype().id()
                + "; convert one side first");
    }

    /** {@code other} has {@code first}'s shape; {@code names} label them in the message. */
    public static void sameShape(String op, String firstName, Tensor first, String otherName, Tensor other) {
        if (!first.shape().equals(other.shape())) {
            throw new IllegalArgumentException(op + ": " + otherName + " " + Tensor.shapeOf(other)
                    + " must have the shape of " + firstName + " " + Tensor.shapeOf(first));
        }
    }

    /** {@code tensor}'s matrix view is {@code rows} × {@code cols}. */
    public static void shape(String op, String name, Tensor tensor, int rows, int cols) {
        if (tensor.rows() != rows || tensor.cols() != cols) {
            throw new IllegalArgumentException(op + ": " + name + " must be [" + rows + " x " + cols + "] but is "
                    + Tensor.shapeOf(tensor));
        }
    }

    /** {@code out} is not {@code input}. */
    public static void notAliased(String op, Tensor out, Tensor input) {
        if (input == out) {
            throw new IllegalArgumentException(op + ": the output must not be one of the inputs "
                    + "(aliasing is not supported by this op)");
        }
    }

    /** {@code out} is neither {@code a} nor {@code b}. */
    public static void notAliased(String op, Tensor out, Tensor a, Tensor b) {
        notAliased(op, out, a);
        notAliased(op, out, b);
    }

    /** {@code out} is none of {@code inputs} (one or two inputs have overloads that allocate no array). */
    public static void notAliased(String op, Tensor out, Tensor... inputs) {
        for (Tensor in : inputs) {
            notAliased(op, out, in);
        }
    }

    /** Checks for {@link MatrixOps#gemm}, on the operands' matrix views. */
    public static void gemm(boolean transposeA, boolean transposeB, Tensor a, Tensor b, Tensor c) {
        sameType("gemm", a, b, c);
        notAliased("gemm", c, a, b);
        int m = transposeA ? a.cols() : a.rows();
        int k = transposeA ? a.rows() : a.cols();
        int kb = transposeB ? b.cols() : b.rows();
        int n = transposeB ? b.rows() : b.cols();
        if (k != kb) {
            throw new IllegalArgumentException("gemm: inner dimensions differ: "
                    + gemmOperands(transposeA, transposeB, a, b, m, k, kb, n));
        }
        if (c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm: c must be " + dims(m, n) + " but is " + Tensor.shapeOf(c) + "; "
                    + gemmOperands(transposeA, transposeB, a, b, m, k, kb, n));
        }
    }

    private static String gemmOperands(boolean transposeA, boolean transposeB, Tensor a, Tensor b, int m, int k,
            int kb, int n) {
        return "op(a) " + dims(m, k) + " from a " + Tensor.shapeOf(a) + (transposeA ? "ᵀ" : "")
                + ", op(b) " + dims(kb, n) + " from b " + Tensor.shapeOf(b) + (transposeB ? "ᵀ" : "");
    }

    /** Checks for {@link ElementwiseOps#unary}, {@link ElementwiseOps#affine}, {@link ElementwiseOps#clamp}. */
    public static void elementwise(String op, Tensor x, Tensor out) {
        sameType(op, x, out);
        sameShape(op, "x", x, "out", out);
    }

    /** Checks for {@link ElementwiseOps#binary}; returns how {@code b} lines up with {@code a}. */
    public static Broadcast binary(String op, Tensor a, Tensor b, Tensor out) {
        sameType(op, a, b, out);
        sameShape(op, "a", a, "out", out);
        return Broadcast.of(op, a, b);
    }

    /** {@code other} has {@code first}'s data type and shape. */
    public static void allSameShape(String op, Tensor first, Tensor other) {
        sameType(op, first, other);
        shapeOfFirst(op, first, other);
    }

    /** {@code b} and {@code c} have {@code first}'s data type and shape. */
    public static void allSameShape(String op, Tensor first, Tensor b, Tensor c) {
        sameType(op, first, b, c);
        shapeOfFirst(op, first, b);
        shapeOfFirst(op, first, c);
    }

    /**
     * Checks for {@link ElementwiseOps#linear} and other ops on tensors of one shape: {@code others}
     * have {@code first}'s data type and shape (one or two others have overloads that allocate no array).
     */
    public static void allSameShape(String op, Tensor first, Tensor... others) {
        for (Tensor other : others) {
            sameType(op, first, other);
        }
        for (Tensor other : others) {
            shapeOfFirst(op, first, other);
        }
    }

    private static void shapeOfFirst(String op, Tensor first, Tensor other) {
        if (!first.shape().equals(other.shape())) {
            throw new IllegalArgumentException(op + ": operands must have one shape, got " + Tensor.shapeOf(first)
                    + " and " + Tensor.shapeOf(other));
        }
    }

    /** Checks for a reduction of {@code x} into {@code out} of the given shape. */
    public static void reduction(String op, Tensor x, Tensor out, int rows, int cols) {
        sameType(op, x, out);
        notAliased(op, out, x);
        shape(op, "out", out, rows, cols);
    }

    /**
     * Checks for {@link TensorStorage#reshape}: {@code shape} holds {@code x}'s number of elements.
     */
    public static void reshape(Tensor x, Shape shape) {
        if (x.size() != shape.size()) {
            throw new IllegalArgumentException("reshape: cannot view " + Tensor.shapeOf(x) + " (" + x.size()
                    + " elements) as " + shape + " (" + shape.size() + " elements)");
        }
    }

    /** {@code array} has room for {@code count} elements from {@code offset}. */
    public static void arrayRange(String op, int arrayLength, int offset, long count) {
        if (offset < 0 || offset + count > arrayLength) {
            throw new IllegalArgumentException(op + ": needs " + count + " elements from offset " + offset
                    + " but the array has " + arrayLength);
        }
    }

    private static String dims(int rows, int cols) {
        return "[" + rows + " x " + cols + "]";
    }
}
