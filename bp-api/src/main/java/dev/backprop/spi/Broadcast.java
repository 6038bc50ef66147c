package dev.backprop.spi;

/** How the second operand of {@link ElementwiseOps#binary} lines up with the first. */
public enum Broadcast {
    /** Same shape: element by element. */
    SAME,
    /** A 1×cols row vector, repeated down the rows of the matrix view (a dense layer's bias). */
    ROW,
    /** A rows×1 column vector, repeated along each row of the matrix view. */
    COLUMN,
    /**
     * One value per channel: {@code a} is {@code [N, C, ...]} of rank 3 or 4 and {@code b} is
     * {@code [1, C, 1, ...]} of the same rank (PyTorch's {@code bias.view(1, C, 1, 1)}), repeated over
     * the batch and the spatial positions (a convolution's bias). In the matrix view, column {@code j}
     * of {@code a} uses {@code b[j / inner]} with {@code inner = a.shape().sizeFrom(2)}.
     */
    CHANNEL;

    /**
     * Resolves how {@code b} lines up with {@code a}.
     *
     * @throws IllegalArgumentException naming both shapes when {@code b} fits none of the four
     */
    public static Broadcast of(String op, Tensor a, Tensor b) {
        Shape as = a.shape();
        Shape bs = b.shape();
        if (as.equals(bs)) {
            return SAME;
        }
        if (isChannel(as, bs)) {
            return CHANNEL;
        }
        if (bs.rank() <= 2 && b.rows() == 1 && b.cols() == a.cols()) {
            return ROW;
        }
        if (bs.rank() <= 2 && b.cols() == 1 && b.rows() == a.rows()) {
            return COLUMN;
        }
        throw new IllegalArgumentException(op + ": operand b " + bs + " is neither the shape of a " + as
                + ", nor a 1 x " + a.cols() + " row vector, nor a " + a.rows() + " x 1 column vector"
                + (as.rank() >= 3 ? ", nor a per-channel " + channelShape(as) : ""));
    }

    private static boolean isChannel(Shape a, Shape b) {
        if (a.rank() < 3 || b.rank() != a.rank() || b.dim(0) != 1 || b.dim(1) != a.dim(1)) {
            return false;
        }
        for (int i = 2; i < b.rank(); i++) {
            if (b.dim(i) != 1) {
                return false;
            }
        }
        return true;
    }

    private static Shape channelShape(Shape a) {
        int[] dims = new int[a.rank()];
        java.util.Arrays.fill(dims, 1);
        dims[1] = a.dim(1);
        return Shape.of(dims);
    }
}
