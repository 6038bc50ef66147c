package dev.backprop.backend.pure;

import dev.backprop.spi.AdamStep;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.ComposedOps;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.UnaryOp;
import dev.backprop.spi.support.AbstractBackend;

/**
 * The pure-Java backend. Every op is a loop in {@link Float64Kernels} (and its generated float32
 * twin); the fused ops run in one pass instead of the composed several.
 */
public final class PureBackend extends AbstractBackend<PureTensor> {

    /** The name users select this backend by. */
    public static final String NAME = "pure";

    /** A new backend; it holds no state, one per process is plenty. */
    public PureBackend() {
        super(NAME, PureTensor.class);
    }

    @Override
    protected PureTensor newTensor(DType dtype, Shape shape) {
        return new PureTensor(dtype, shape);
    }

    @Override
    protected PureTensor newView(PureTensor x, Shape shape) {
        return new PureTensor(x, shape);
    }

    @Override
    protected void doUpload(double[] source, int offset, PureTensor out) {
        if (out.data instanceof double[] d) {
            System.arraycopy(source, offset, d, 0, d.length);
        } else {
            float[] f = (float[]) out.data;
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) source[offset + i];
            }
        }
    }

    @Override
    protected void doDownload(PureTensor source, double[] out, int offset) {
        if (source.data instanceof double[] d) {
            System.arraycopy(d, 0, out, offset, d.length);
        } else {
            float[] f = (float[]) source.data;
            for (int i = 0; i < f.length; i++) {
                out[offset + i] = f[i];
            }
        }
    }

    @Override
    protected void doCopy(PureTensor source, PureTensor out) {
        System.arraycopy(source.data, 0, out.data, 0, source.length());
    }

    @Override
    protected void doFill(double value, PureTensor out) {
        out.kernels.fill(value, out.data, out.length());
    }

    @Override
    protected void doGemm(boolean transposeA, boolean transposeB, double alpha, PureTensor a, PureTensor b,
            double beta, PureTensor c) {
        int k = transposeA ? a.rows() : a.cols();
        c.kernels.gemm(transposeA, transposeB, c.rows(), c.cols(), k, alpha, a.data, b.data, beta, c.data);
    }

    @Override
    protected void doUnary(UnaryOp op, PureTensor x, PureTensor out) {
        out.kernels.unary(op, x.data, out.data, out.length());
    }

    @Override
    protected void doBinary(BinaryOp op, PureTensor a, PureTensor b, Broadcast broadcast, PureTensor out) {
        out.kernels.binary(op, a.data, b.data, broadcast, a.rows(), a.cols(), innerOf(a, broadcast), out.data);
    }

    /** Columns of {@code a}'s matrix view that share one channel value under {@link Broadcast#CHANNEL}. */
    static int innerOf(PureTensor a, Broadcast broadcast) {
        return broadcast == Broadcast.CHANNEL ? a.shape().sizeFrom(2) : 1;
    }

    @Override
    protected void doLinear(double alpha, PureTensor a, double beta, PureTensor b, PureTensor out) {
        out.kernels.linear(alpha, a.data, beta, b.data, out.data, out.length());
    }

    @Override
    protected void doAffine(PureTensor x, double scale, double shift, PureTensor out) {
        out.kernels.affine(x.data, scale, shift, out.data, out.length());
    }

    @Override
    protected void doClamp(PureTensor x, double min, double max, PureTensor out) {
        out.kernels.clamp(x.data, min, max, out.data, out.length());
    }

    @Override
    protected double doSum(PureTensor x) {
        return x.kernels.sum(x.data, x.length());
    }

    @Override
    protected double doDot(PureTensor a, PureTensor b) {
        return a.kernels.dot(a.data, b.data, a.length());
    }

    @Override
    protected void doSumColumns(PureTensor x, PureTensor out) {
        x.kernels.sumColumns(x.data, x.rows(), x.cols(), out.data);
    }

    @Override
    protected void doSumRows(PureTensor x, PureTensor out) {
        x.kernels.sumRows(x.data, x.rows(), x.cols(), out.data);
    }

    @Override
    protected void doRowMax(PureTensor x, PureTensor out) {
        x.kernels.rowMax(x.data, x.rows(), x.cols(), out.data);
    }

    @Override
    protected void doRowLogSumExp(PureTensor x, PureTensor out) {
        x.kernels.rowLogSumExp(x.data, x.rows(), x.cols(), out.data);
    }

    @Override
    protected void doArgmaxRows(PureTensor x, int[] out) {
        x.kernels.argmaxRows(x.data, x.rows(), x.cols(), out);
    }

    @Override
    public void sigmoidBackward(Tensor y, Tensor dy, Tensor dz) {
        ComposedOps.checkBackward("sigmoidBackward", y, dy, dz);
        PureTensor out = own("sigmoidBackward", dz);
        out.kernels.sigmoidBackward(own("sigmoidBackward", y).data, own("sigmoidBackward", dy).data, out.data,
                out.length());
    }

    @Override
    public void tanhBackward(Tensor y, Tensor dy, Tensor dz) {
        ComposedOps.checkBackward("tanhBackward", y, dy, dz);
        PureTensor out = own("tanhBackward", dz);
        out.kernels.tanhBackward(own("tanhBackward", y).data, own("tanhBackward", dy).data, out.data, out.length());
    }

    @Override
    public void leakyRelu(Tensor z, double slope, Tensor y) {
        ComposedOps.checkLeakyRelu(z, slope, y);
        PureTensor out = own("leakyRelu", y);
        out.kernels.leakyRelu(own("leakyRelu", z).data, slope, out.data, out.length());
    }

    @Override
    public void leakyReluBackward(Tensor z, double slope, Tensor dy, Tensor dz) {
        ComposedOps.checkSlope(slope);
        ComposedOps.checkBackward("leakyReluBackward", z, dy, dz);
        PureTensor out = own("leakyReluBackward", dz);
        out.kernels.leakyReluBackward(own("leakyReluBackward", z).data, slope, own("leakyReluBackward", dy).data,
                out.data, out.length());
    }

    @Override
    public double softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor rowScratch, Tensor gradient) {
        ComposedOps.checkSoftmaxCrossEntropy(logits, targets, rowScratch, gradient);
        PureTensor z = own("softmaxCrossEntropy", logits);
        return z.kernels.softmaxCrossEntropy(z.data, own("softmaxCrossEntropy", targets).data, z.rows(), z.cols(),
                own("softmaxCrossEntropy", gradient).data);
    }

    @Override
    public void adamUpdate(Tensor param, Tensor gradient, Tensor m, Tensor v, Tensor scratch, AdamStep step) {
        ComposedOps.checkAdam(param, gradient, m, v, scratch);
        PureTensor p = own("adamUpdate", param);
        p.kernels.adamUpdate(p.data, own("adamUpdate", gradient).data, own("adamUpdate", m).data,
                own("adamUpdate", v).data, p.length(), step.learningRate(), step.beta1(), step.beta2(),
                step.epsilon(), step.biasCorrection1(), step.biasCorrection2());
    }
}
