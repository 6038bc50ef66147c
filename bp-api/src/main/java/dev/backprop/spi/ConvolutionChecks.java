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
        expect(op, "columns", columns, columnsShape(op, x.shape(), window));
    }

    /** Checks for {@link ConvolutionOps#col2im}. */
    public static void col2im(Tensor columns, Window2d window, Tensor dx) {
        String op = "col2im";
        images(op, "dx", dx);
        ShapeCheck.sameType(op, columns, dx);
        ShapeCheck.notAliased(op, dx, columns);
        expect(op, "columns", columns, columnsShape(op, dx.shape(), window));
    }

    /** Checks for {@link ConvolutionOps#channelsLast}. */
    public static void channelsLast(Tensor x, Tensor out) {
        String op = "channelsLast";
        images(op, "x", x);
        ShapeCheck.sameType(op, x, out);
        ShapeCheck.notAliased(op, out, x);
        expect(op, "out", out, channelsLastShape(x.shape()));
    }

    /** Checks for {@link ConvolutionOps#channelsFirst}. */
    public static void channelsFirst(Tensor x, Tensor out) {
        String op = "channelsFirst";
        images(op, "out", out);
        ShapeCheck.sameType(op, x, out);
        ShapeCheck.notAliased(op, out, x);
        expect(op, "x", x, channelsLastShape(out.shape()));
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
        ShapeCheck.sameType(op, x, weights, bias, columns, channelsLast, y);
        int outChannels = weights.shape().dim(0);
        Shape xs = x.shape();
        Shape ws = weights.shape();
        if (ws.dim(1) != xs.dim(1) || ws.dim(2) != window.kernelHeight() || ws.dim(3) != window.kernelWidth()) {
            throw new IllegalArgumentException(op + ": weights " + ws + " must be [" + outChannels + " x " + xs.dim(1)
                    + " x " + window.kernelHeight() + " x " + window.kernelWidth() + "] for input " + xs + " and "
                    + window);
        }
        expect(op, "bias", bias, Shape.of(outChannels));
        Shape ys = outputShape(op, xs, window, outChannels);
        expect(op, "y", y, ys);
        expect(op, "columns", columns, columnsShape(op, xs, window));
        expect(op, "channelsLast", channelsLast, channelsLastShape(ys));
        ShapeCheck.notAliased(op, y, x, weights, bias, columns, channelsLast);
        ShapeCheck.notAliased(op, columns, x, weights, bias, channelsLast);
        ShapeCheck.notAliased(op, channelsLast, x, weights, bias);
    }

    /** Checks for {@link ConvolutionOps#conv2dBackward}; {@code dx} may be null. */
    public static void conv2dBackward(Tensor x, Tensor weights, Window2d window, Tensor dy, Tensor columns,
            Tensor channelsLast, Tensor dWeights, Tensor dBias, Tensor dx) {
        String op = "conv2dBackward";
        images(op, "x", x);
        images(op, "weights", weights);
        images(op, "dy", dy);
        ShapeCheck.sameType(op, x, weights, dy, columns, channelsLast, dWeights, dBias);
        Shape ws = weights.shape();
        ShapeCheck.sameShape(op, "weights", weights, "dWeights", dWeights);
        expect(op, "dBias", dBias, Shape.of(ws.dim(0)));
        Shape ds = dy.shape();
        if (ds.dim(1) != ws.dim(0)) {
            throw new IllegalArgumentException(op + ": dy " + ds + " must have " + ws.dim(0) + " channels, one per "
                    + "filter of weights " + ws);
        }
        if (x.shape().dim(1) != ws.dim(1) || !outputShape(op, x.shape(), window, ws.dim(0)).equals(ds)) {
            throw new IllegalArgumentException(op + ": x " + x.shape() + " does not match dy " + ds + ", weights "
                    + ws + " and " + window);
        }
        expect(op, "channelsLast", channelsLast, channelsLastShape(ds));
        if (columns.cols() != ws.dim(1) * window.kernelArea() || columns.rows() != channelsLast.rows()) {
            throw new IllegalArgumentException(op + ": columns " + columns.shape() + " must be [" + channelsLast.rows()
                    + " x " + ws.dim(1) * window.kernelArea() + "] for dy " + ds + ", weights " + ws + " and "
                    + window);
        }
        Tensor[] outputs = {dWeights, dBias, channelsLast, columns};
        if (dx != null) {
            ShapeCheck.sameType(op, weights, dx);
            expect(op, "dx", dx, x.shape());
            outputs = new Tensor[] {dWeights, dBias, channelsLast, columns, dx};
        }
        for (int i = 0; i < outputs.length; i++) {
            ShapeCheck.notAliased(op, outputs[i], x, weights, dy);
            for (int j = i + 1; j < outputs.length; j++) {
                ShapeCheck.notAliased(op, outputs[i], outputs[j]);
            }
        }
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
        expect(op, "y", y, outputShape(op, x.shape(), window, x.shape().dim(1)));
    }

    private static void images(String op, String name, Tensor t) {
        if (t.shape().rank() != 4) {
            throw new IllegalArgumentException(op + ": " + name + " must be rank 4 [N x C x H x W], got " + t.shape());
        }
    }

    private static Shape outputShape(String op, Shape images, Window2d window, int channels) {
        try {
            return window.outputShape(images, channels);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + window + " does not fit " + images + ": " + e.getMessage(), e);
        }
    }

    private static Shape columnsShape(String op, Shape images, Window2d window) {
        try {
            return window.columnsShape(images);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + window + " does not fit " + images + ": " + e.getMessage(), e);
        }
    }

    private static void expect(String op, String name, Tensor t, Shape expected) {
        if (!t.shape().equals(expected)) {
            throw new IllegalArgumentException(op + ": " + name + " must be " + expected + " but is " + t.shape());
        }
    }
}
