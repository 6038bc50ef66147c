package dev.backprop.spi;

/**
 * The operand checks of the {@link ConvolutionOps}, applied before every op (by
 * {@link dev.backprop.spi.support.AbstractBackend} and by the compositions of {@link ComposedOps}), so
 * that a mistake gives the same message on every backend: it names the op, the window and the shapes.
 */
public final class ConvolutionChecks {

    private ConvolutionChecks() {
    }

    /** Checks for {@link ConvolutionOps#im2col}. */
    public static void im2col(Tensor x, Window2d window, Tensor columns) {
        String op = "im2col";
        images(op, "x", x);
        ShapeCheck.sameType(op, x, columns);
        ShapeCheck.notAliased(op, columns, x);
        expectColumns(op, columns, x.shape(), window);
    }

    /** Checks for {@link ConvolutionOps#col2im}. */
    public static void col2im(Tensor columns, Window2d window, Tensor dx) {
        String op = "col2im";
        images(op, "dx", dx);
        ShapeCheck.sameType(op, columns, dx);
        ShapeCheck.notAliased(op, dx, columns);
        expectColumns(op, columns, dx.shape(), window);
    }

    /** Checks for {@link ConvolutionOps#channelsLast}. */
    public static void channelsLast(Tensor x, Tensor out) {
        String op = "channelsLast";
        images(op, "x", x);
        ShapeCheck.sameType(op, x, out);
        ShapeCheck.notAliased(op, out, x);
        expectChannelsLast(op, "out", out, x.shape(), x.shape().dim(1));
    }

    /** Checks for {@link ConvolutionOps#channelsFirst}. */
    public static void channelsFirst(Tensor x, Tensor out) {
        String op = "channelsFirst";
        images(op, "out", out);
        ShapeCheck.sameType(op, x, out);
        ShapeCheck.notAliased(op, out, x);
        expectChannelsLast(op, "x", x, out.shape(), out.shape().dim(1));
    }

    /** Checks for {@link ConvolutionOps#maxPool2d}. */
    public static void maxPool2d(Tensor x, Window2d window, Tensor y, Tensor argmax) {
        String op = "maxPool2d";
        pool(op, x, window, y);
        ShapeCheck.sameType(op, x, argmax);
        ShapeCheck.sameShape(op, "y", y, "argmax", argmax);
        ShapeCheck.notAliased(op, argmax, x, y);
    }

    /** Checks for {@link ConvolutionOps#maxPool2dBackward}. */
    public static void maxPool2dBackward(Tensor dy, Tensor argmax, Window2d window, Tensor dx) {
        String op = "maxPool2dBackward";
        pool(op, dx, window, dy);
        ShapeCheck.sameType(op, dy, argmax);
        ShapeCheck.sameShape(op, "dy", dy, "argmax", argmax);
        ShapeCheck.notAliased(op, dx, argmax);
    }

    /** Checks for {@link ConvolutionOps#avgPool2d}. */
    public static void avgPool2d(Tensor x, Window2d window, Tensor y) {
        pool("avgPool2d", x, window, y);
    }

    /** Checks for {@link ConvolutionOps#avgPool2dBackward}. */
    public static void avgPool2dBackward(Tensor dy, Window2d window, Tensor dx) {
        pool("avgPool2dBackward", dx, window, dy);
    }

    /** Checks for {@link ConvolutionOps#conv2d}. */
    public static void conv2d(Tensor x, Tensor weights, Tensor bias, Window2d window, Tensor columns,
            Tensor channelsLast, Tensor y) {
        String op = "conv2d";
        images(op, "x", x);
        images(op, "weights", weights);
        ShapeCheck.sameType(op, x, weights, bias);
        ShapeCheck.sameType(op, x, columns, channelsLast);
        ShapeCheck.sameType(op, x, y);
        Shape xs = x.shape();
        Shape ws = weights.shape();
        int outChannels = ws.dim(0);
        if (ws.dim(1) != xs.dim(1) || ws.dim(2) != window.kernelHeight() || ws.dim(3) != window.kernelWidth()) {
            throw new IllegalArgumentException(op + ": weights " + ws + " must be [" + outChannels + " x " + xs.dim(1)
                    + " x " + window.kernelHeight() + " x " + window.kernelWidth() + "] for input " + xs + " and "
                    + window);
        }
        expectVector(op, "bias", bias, outChannels);
        expectImages(op, "y", y, xs.dim(0), outChannels, outputHeight(op, xs, window), outputWidth(op, xs, window));
        expectColumns(op, columns, xs, window);
        expectChannelsLast(op, "channelsLast", channelsLast, y.shape(), outChannels);
        forwardOutputsDistinct(op, y, columns, channelsLast, x, weights, bias);
    }

    /** Checks for {@link ConvolutionOps#conv2dBackward}; {@code dx} may be null. */
    public static void conv2dBackward(Tensor x, Tensor weights, Window2d window, Tensor dy, Tensor columns,
            Tensor channelsLast, Tensor dWeights, Tensor dBias, Tensor dx) {
        String op = "conv2dBackward";
        images(op, "x", x);
        images(op, "weights", weights);
        images(op, "dy", dy);
        ShapeCheck.sameType(op, x, weights, dy);
        ShapeCheck.sameType(op, x, columns, channelsLast);
        ShapeCheck.sameType(op, x, dWeights, dBias);
        Shape ws = weights.shape();
        ShapeCheck.sameShape(op, "weights", weights, "dWeights", dWeights);
        expectVector(op, "dBias", dBias, ws.dim(0));
        Shape ds = dy.shape();
        Shape xs = x.shape();
        if (ds.dim(1) != ws.dim(0)) {
            throw new IllegalArgumentException(op + ": dy " + ds + " must have " + ws.dim(0) + " channels, one per "
                    + "filter of weights " + ws);
        }
        if (xs.dim(1) != ws.dim(1) || xs.dim(0) != ds.dim(0) || outputHeight(op, xs, window) != ds.dim(2)
                || outputWidth(op, xs, window) != ds.dim(3)) {
            throw new IllegalArgumentException(op + ": x " + xs + " does not match dy " + ds + ", weights "
                    + ws + " and " + window);
        }
        expectChannelsLast(op, "channelsLast", channelsLast, ds, ds.dim(1));
        if (columns.cols() != ws.dim(1) * window.kernelArea() || columns.rows() != channelsLast.rows()) {
            throw new IllegalArgumentException(op + ": columns " + columns.shape() + " must be [" + channelsLast.rows()
                    + " x " + ws.dim(1) * window.kernelArea() + "] for dy " + ds + ", weights " + ws + " and "
                    + window);
        }
        if (dx != null) {
            ShapeCheck.sameType(op, weights, dx);
            if (!dx.shape().equals(xs)) {
                throw new IllegalArgumentException(op + ": dx must be " + xs + " but is " + dx.shape());
            }
        }
        backwardOutputsDistinct(op, dWeights, dBias, channelsLast, columns, dx, x, weights, dy);
    }

    /** {@code [N·H·W, C]} for images {@code [N, C, H, W]}. */
    public static Shape channelsLastShape(Shape images) {
        return Shape.matrix(images.dim(0) * images.dim(2) * images.dim(3), images.dim(1));
    }

    private static void pool(String op, Tensor x, Window2d window, Tensor y) {
        images(op, "x", x);
        ShapeCheck.sameType(op, x, y);
        ShapeCheck.notAliased(op, y, x);
        if (!window.unpadded()) {
            throw new IllegalArgumentException(op + ": pooling takes no padding, got " + window);
        }
        Shape xs = x.shape();
        expectImages(op, "y", y, xs.dim(0), xs.dim(1), outputHeight(op, xs, window), outputWidth(op, xs, window));
    }

    private static void images(String op, String name, Tensor t) {
        if (t.shape().rank() != 4) {
            throw new IllegalArgumentException(op + ": " + name + " must be rank 4 [N x C x H x W], got " + t.shape());
        }
    }

    private static int outputHeight(String op, Shape images, Window2d window) {
        try {
            return window.outputHeight(images.dim(2));
        } catch (IllegalArgumentException e) {
            throw doesNotFit(op, images, window, e);
        }
    }

    private static int outputWidth(String op, Shape images, Window2d window) {
        try {
            return window.outputWidth(images.dim(3));
        } catch (IllegalArgumentException e) {
            throw doesNotFit(op, images, window, e);
        }
    }

    private static IllegalArgumentException doesNotFit(String op, Shape images, Window2d window,
            IllegalArgumentException e) {
        return new IllegalArgumentException(op + ": " + window + " does not fit " + images + ": " + e.getMessage(), e);
    }

    // The expectations below compare dimensions and make a Shape only for the message, so that a
    // training step's checks allocate nothing.

    private static void expectImages(String op, String name, Tensor t, int n, int c, int h, int w) {
        Shape s = t.shape();
        if (s.rank() != 4 || s.dim(0) != n || s.dim(1) != c || s.dim(2) != h || s.dim(3) != w) {
            throw new IllegalArgumentException(op + ": " + name + " must be " + Shape.of(n, c, h, w) + " but is " + s);
        }
    }

    private static void expectVector(String op, String name, Tensor t, int n) {
        Shape s = t.shape();
        if (s.rank() != 1 || s.dim(0) != n) {
            throw new IllegalArgumentException(op + ": " + name + " must be " + Shape.of(n) + " but is " + s);
        }
    }

    /** {@code t} is {@code [N·H·W, channels]} for images {@code [N, ·, H, W]}. */
    private static void expectChannelsLast(String op, String name, Tensor t, Shape images, int channels) {
        Shape s = t.shape();
        if (s.rank() != 2 || s.dim(0) != images.dim(0) * images.dim(2) * images.dim(3) || s.dim(1) != channels) {
            throw new IllegalArgumentException(op + ": " + name + " must be " + Shape.matrix(images.dim(0)
                    * images.dim(2) * images.dim(3), channels) + " but is " + s);
        }
    }

    /** {@code columns} is the im2col matrix of {@code images} with {@code window}. */
    private static void expectColumns(String op, Tensor columns, Shape images, Window2d window) {
        long rows = (long) images.dim(0) * outputHeight(op, images, window) * outputWidth(op, images, window);
        long cols = (long) images.dim(1) * window.kernelArea();
        Shape s = columns.shape();
        if (s.rank() != 2 || s.dim(0) != rows || s.dim(1) != cols) {
            Shape expected;
            try {
                expected = window.columnsShape(images);
            } catch (IllegalArgumentException e) {
                throw doesNotFit(op, images, window, e);
            }
            throw new IllegalArgumentException(op + ": columns must be " + expected + " but is " + s);
        }
    }

    /**
     * No output is an input or another output: {@code dx} may be null (not computed); the three tensors
     * after it are inputs.
     */
    private static void backwardOutputsDistinct(String op, Tensor dWeights, Tensor dBias, Tensor channelsLast,
            Tensor columns, Tensor dx, Tensor x, Tensor weights, Tensor dy) {
        fourOutputsDistinct(op, dWeights, dBias, channelsLast, columns, x, weights, dy);
        if (dx != null) {
            fourOutputsDistinct(op, dx, dWeights, dBias, channelsLast, columns, weights, dy);
            ShapeCheck.notAliased(op, dx, x);
        }
    }

    /** None of the four outputs is another or one of the three inputs. */
    private static void fourOutputsDistinct(String op, Tensor a, Tensor b, Tensor c, Tensor d, Tensor in1, Tensor in2,
            Tensor in3) {
        if (a == b || a == c || a == d || b == c || b == d || c == d) {
            throw new IllegalArgumentException(op + ": the outputs must be distinct tensors");
        }
        notAliasedToInputs(op, a, in1, in2, in3);
        notAliasedToInputs(op, b, in1, in2, in3);
        notAliasedToInputs(op, c, in1, in2, in3);
        notAliasedToInputs(op, d, in1, in2, in3);
    }

    /** Forward: {@code y}, {@code columns} and {@code channelsLast} are distinct and none is an input. */
    private static void forwardOutputsDistinct(String op, Tensor y, Tensor columns, Tensor channelsLast, Tensor x,
            Tensor weights, Tensor bias) {
        if (y == columns || y == channelsLast || columns == channelsLast) {
            throw new IllegalArgumentException(op + ": y, columns and channelsLast must be distinct tensors");
        }
        notAliasedToInputs(op, y, x, weights, bias);
        notAliasedToInputs(op, columns, x, weights, bias);
        notAliasedToInputs(op, channelsLast, x, weights, bias);
    }

    private static void notAliasedToInputs(String op, Tensor out, Tensor a, Tensor b, Tensor c) {
        ShapeCheck.notAliased(op, out, a, b);
        ShapeCheck.notAliased(op, out, c);
    }
}
