package dev.backprop.spi;

/** How the second operand of {@link ElementwiseOps#binary} lines up with the first. */
public enum Broadcast {
    /** Same shape: element by element. */
    SAME,
    /** A 1×cols row vector, repeated down the rows. */
    ROW,
    /** A rows×1 column vector, repeated along each row. */
    COLUMN;

    /**
     * Resolves how {@code b} lines up with {@code a}.
     *
     * @throws IllegalArgumentException naming both shapes when {@code b} fits none of the three
     */
    public static Broadcast of(String op, Tensor a, Tensor b) {
        if (a.rows() == b.rows() && a.cols() == b.cols()) {
            return SAME;
        }
        if (b.rows() == 1 && b.cols() == a.cols()) {
            return ROW;
        }
        if (b.cols() == 1 && b.rows() == a.rows()) {
            return COLUMN;
        }
        throw new IllegalArgumentException(op + ": operand b " + Tensor.shapeOf(b) + " is neither the shape of a "
                + Tensor.shapeOf(a) + ", nor a 1 x " + a.cols() + " row vector, nor a " + a.rows()
                + " x 1 column vector");
    }
}
