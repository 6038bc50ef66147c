package dev.backprop.spi;

/**
 * The fused ops of {@link FusedOps}, composed from {@link RequiredOps}: the one place where the
 * derivatives of the activations, softmax cross-entropy and the Adam update are written down. A
 * backend's fused kernel must compute what these compute; the conformance kit compares the two.
 */
public final class ComposedOps {

    private ComposedOps() {
    }

    /** {@code dz = dy * y * (1 - y)}, as {@code y - y²} then times {@code dy}. */
    public static void sigmoidBackward(RequiredOps ops, Tensor y, Tensor dy, Tensor dz) {
        checkBackward("sigmoidBackward", y, dy, dz);
        ops.binary(BinaryOp.MUL, y, y, dz);
        ops.binary(BinaryOp.SUB, y, dz, dz);
        ops.binary(BinaryOp.MUL, dz, dy, dz);
    }

    /** {@code dz = dy * (1 - y²)}. */
    public static void tanhBackward(RequiredOps ops, Tensor y, Tensor dy, Tensor dz) {
        checkBackward("tanhBackward", y, dy, dz);
        ops.unary(UnaryOp.SQUARE, y, dz);
        ops.affine(dz, -1, 1, dz);
        ops.binary(BinaryOp.MUL, dz, dy, dz);
    }

    /** {@code y = max(z, slope * z)}, which for {@code 0 <= slope <= 1} is {@code z > 0 ? z : slope * z}. */
    public static void leakyRelu(RequiredOps ops, Tensor z, double slope, Tensor y) {
        checkLeakyRelu(z, slope, y);
        ops.affine(z, slope, 0, y);
        ops.binary(BinaryOp.MAX, z, y, y);
    }

    /** {@code dz = dy * (slope + (1 - slope) * step(z))}. */
    public static void leakyReluBackward(RequiredOps ops, Tensor z, double slope, Tensor dy, Tensor dz) {
        checkSlope(slope);
        checkBackward("leakyReluBackward", z, dy, dz);
        ops.unary(UnaryOp.STEP, z, dz);
        if (slope != 0) {
            ops.affine(dz, 1 - slope, slope, dz);
        }
        ops.binary(BinaryOp.MUL, dz, dy, dz);
    }

    /** {@code y = exp(z - logsumexp_row(z))}. */
    public static void softmax(RequiredOps ops, Tensor z, Tensor rowScratch, Tensor y) {
        checkSoftmax(z, rowScratch, y);
        ops.rowLogSumExp(z, rowScratch);
        ops.binary(BinaryOp.SUB, z, rowScratch, y);
        ops.unary(UnaryOp.EXP, y, y);
    }

    /** {@code dz = y * (dy - rowsum(dy * y))}. */
    public static void softmaxBackward(RequiredOps ops, Tensor y, Tensor dy, Tensor rowScratch, Tensor dz) {
        checkSoftmaxBackward(y, dy, rowScratch, dz);
        ops.binary(BinaryOp.MUL, dy, y, dz);
        ops.sumRows(dz, rowScratch);
        ops.binary(BinaryOp.SUB, dy, rowScratch, dz);
        ops.binary(BinaryOp.MUL, dz, y, dz);
    }

    /**
     * Log-softmax into {@code gradient}, the loss as {@code -dot(t, logsoftmax) / B}, then
     * {@code gradient = (exp(logsoftmax) - t) / B}.
     */
    public static double softmaxCrossEntropy(RequiredOps ops, Tensor logits, Tensor targets, Tensor rowScratch,
            Tensor gradient) {
        checkSoftmaxCrossEntropy(logits, targets, rowScratch, gradient);
        double batch = logits.rows();
        ops.rowLogSumExp(logits, rowScratch);
        ops.binary(BinaryOp.SUB, logits, rowScratch, gradient);
        double loss = -ops.dot(targets, gradient) / batch;
        ops.unary(UnaryOp.EXP, gradient, gradient);
        ops.linear(1 / batch, gradient, -1 / batch, targets, gradient);
        return loss;
    }

    /** The Adam update of {@link FusedOps#adamUpdate}, in PyTorch's order of operations. */
    public static void adamUpdate(RequiredOps ops, Tensor param, Tensor gradient, Tensor m, Tensor v, Tensor scratch,
            AdamStep step) {
        checkAdam(param, gradient, m, v, scratch);
        ops.linear(step.beta1(), m, 1 - step.beta1(), gradient, m);
        ops.unary(UnaryOp.SQUARE, gradient, scratch);
        ops.linear(step.beta2(), v, 1 - step.beta2(), scratch, v);
        ops.unary(UnaryOp.SQRT, v, scratch);
        ops.affine(scratch, 1 / Math.sqrt(step.biasCorrection2()), step.epsilon(), scratch);
        ops.binary(BinaryOp.DIV, m, scratch, scratch);
        ops.linear(1, param, -step.learningRate() / step.biasCorrection1(), scratch, param);
    }

    /**
     * {@link ConvolutionOps#conv2d} as {@code im2col}, one GEMM with the weights read as an
     * {@code [O, C·kh·kw]} matrix, the bias added per row of the channels-last result, and
     * {@code channelsFirst}.
     */
    public static void conv2d(Backend ops, Tensor x, Tensor weights, Tensor bias, Window2d window, Tensor columns,
            Tensor channelsLast, Tensor y) {
        ConvolutionChecks.conv2d(x, weights, bias, window, columns, channelsLast, y);
        ops.im2col(x, window, columns);
        ops.gemm(false, true, 1, columns, weights, 0, channelsLast);
        ops.binary(BinaryOp.ADD, channelsLast, ops.reshape(bias, Shape.matrix(1, bias.rows())), channelsLast);
        ops.channelsFirst(channelsLast, y);
    }

    /**
     * {@link ConvolutionOps#conv2dBackward}: {@code dy} channels-last ({@code G = [N·OH·OW, O]}), then
     * {@code db} = column sums of {@code G}, {@code dW = Gᵀ · columns}, and {@code dx = col2im(G · W)}
     * with {@code G · W} written over {@code columns} once {@code dW} has read them.
     */
    public static void conv2dBackward(Backend ops, Tensor x, Tensor weights, Window2d window, Tensor dy,
            Tensor columns, Tensor channelsLast, Tensor dWeights, Tensor dBias, Tensor dx) {
        ConvolutionChecks.conv2dBackward(x, weights, window, dy, columns, channelsLast, dWeights, dBias, dx);
        ops.channelsLast(dy, channelsLast);
        ops.sumColumns(channelsLast, ops.reshape(dBias, Shape.matrix(1, dBias.rows())));
        ops.gemm(true, false, 1, channelsLast, columns, 0, dWeights);
        if (dx != null) {
            ops.gemm(false, false, 1, channelsLast, weights, 0, columns);
            ops.col2im(columns, window, dx);
        }
    }

    /** Operand checks of a backward op {@code (input or output, dy) -> dz}. */
    public static void checkBackward(String op, Tensor x, Tensor dy, Tensor dz) {
        ShapeCheck.allSameShape(op, x, dy, dz);
        ShapeCheck.notAliased(op, dz, x, dy);
    }

    /** Operand checks of {@link FusedOps#softmax}. */
    public static void checkSoftmax(Tensor z, Tensor rowScratch, Tensor y) {
        ShapeCheck.elementwise("softmax", z, y);
        ShapeCheck.reduction("softmax", z, rowScratch, z.rows(), 1);
    }

    /** Operand checks of {@link FusedOps#softmaxBackward}. */
    public static void checkSoftmaxBackward(Tensor y, Tensor dy, Tensor rowScratch, Tensor dz) {
        checkBackward("softmaxBackward", y, dy, dz);
        ShapeCheck.reduction("softmaxBackward", y, rowScratch, y.rows(), 1);
    }

    /** Operand checks of {@link FusedOps#softmaxCrossEntropy}. */
    public static void checkSoftmaxCrossEntropy(Tensor logits, Tensor targets, Tensor rowScratch, Tensor gradient) {
        String op = "softmaxCrossEntropy";
        ShapeCheck.allSameShape(op, logits, targets, gradient);
        ShapeCheck.notAliased(op, gradient, logits, targets);
        ShapeCheck.reduction(op, logits, rowScratch, logits.rows(), 1);
    }

    /** Operand checks of {@link FusedOps#adamUpdate}. */
    public static void checkAdam(Tensor param, Tensor gradient, Tensor m, Tensor v, Tensor scratch) {
        String op = "adamUpdate";
        ShapeCheck.allSameShape(op, param, gradient, m);
        ShapeCheck.allSameShape(op, param, v, scratch);
        if (param == gradient || param == m || param == v || param == scratch || gradient == m || gradient == v
                || gradient == scratch || m == v || m == scratch || v == scratch) {
            throw new IllegalArgumentException(op + ": param, gradient, m, v and scratch must be five distinct tensors");
        }
    }

    /** Operand checks of {@link FusedOps#leakyRelu}. */
    public static void checkLeakyRelu(Tensor z, double slope, Tensor y) {
        checkSlope(slope);
        ShapeCheck.elementwise("leakyRelu", z, y);
        ShapeCheck.notAliased("leakyRelu", y, z);
    }

    /** The leaky-ReLU slope is in {@code [0, 1]}. */
    public static void checkSlope(double slope) {
        if (!(slope >= 0 && slope <= 1)) {
            throw new IllegalArgumentException("leaky ReLU slope must be in [0, 1], got " + slope);
        }
    }
}
