package dev.backprop.backend.ejml;

import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.UnaryOp;
import dev.backprop.spi.support.AbstractBackend;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The EJML backend. The fused ops keep their composed defaults, so this backend runs every
 * derivative exactly as {@link dev.backprop.spi.ComposedOps} writes it.
 */
public final class EjmlBackend extends AbstractBackend<EjmlTensor> {

    /** The name users select this backend by. */
    public static final String NAME = "ejml";

    /** A new backend; it holds no state. */
    public EjmlBackend() {
        super(NAME, EjmlTensor.class);
    }

    @Override
    protected EjmlTensor newTensor(DType dtype, Shape shape) {
        return new EjmlTensor(dtype, shape);
    }

    @Override
    protected EjmlTensor newView(EjmlTensor x, Shape shape) {
        return new EjmlTensor(x, shape);
    }

    @Override
    protected void doUpload(double[] source, int offset, EjmlTensor out) {
        if (out.matrix instanceof DMatrixRMaj d) {
            System.arraycopy(source, offset, d.data, 0, d.getNumElements());
        } else {
            FMatrixRMaj f = (FMatrixRMaj) out.matrix;
            for (int i = 0; i < f.getNumElements(); i++) {
                f.data[i] = (float) source[offset + i];
            }
        }
    }

    @Override
    protected void doDownload(EjmlTensor source, double[] out, int offset) {
        if (source.matrix instanceof DMatrixRMaj d) {
            System.arraycopy(d.data, 0, out, offset, d.getNumElements());
        } else {
            FMatrixRMaj f = (FMatrixRMaj) source.matrix;
            for (int i = 0; i < f.getNumElements(); i++) {
                out[offset + i] = f.data[i];
            }
        }
    }

    @Override
    protected void doCopy(EjmlTensor source, EjmlTensor out) {
        out.kernels.copy(source.matrix, out.matrix);
    }

    @Override
    protected void doFill(double value, EjmlTensor out) {
        out.kernels.fill(value, out.matrix);
    }

    @Override
    protected void doGemm(boolean transposeA, boolean transposeB, double alpha, EjmlTensor a, EjmlTensor b,
            double beta, EjmlTensor c) {
        c.kernels.gemm(transposeA, transposeB, alpha, a.matrix, b.matrix, beta, c.matrix);
    }

    @Override
    protected void doUnary(UnaryOp op, EjmlTensor x, EjmlTensor out) {
        out.kernels.unary(op, x.matrix, out.matrix);
    }

    @Override
    protected void doBinary(BinaryOp op, EjmlTensor a, EjmlTensor b, Broadcast broadcast, EjmlTensor out) {
        out.kernels.binary(op, a.matrix, b.matrix, broadcast,
                broadcast == Broadcast.CHANNEL ? a.shape().sizeFrom(2) : 1, out.matrix);
    }

    @Override
    protected void doLinear(double alpha, EjmlTensor a, double beta, EjmlTensor b, EjmlTensor out) {
        out.kernels.linear(alpha, a.matrix, beta, b.matrix, out.matrix);
    }

    @Override
    protected void doAffine(EjmlTensor x, double scale, double shift, EjmlTensor out) {
        out.kernels.affine(x.matrix, scale, shift, out.matrix);
    }

    @Override
    protected void doClamp(EjmlTensor x, double min, double max, EjmlTensor out) {
        out.kernels.clamp(x.matrix, min, max, out.matrix);
    }

    @Override
    protected double doSum(EjmlTensor x) {
        return x.kernels.sum(x.matrix);
    }

    @Override
    protected double doDot(EjmlTensor a, EjmlTensor b) {
        return a.kernels.dot(a.matrix, b.matrix);
    }

    @Override
    protected void doSumColumns(EjmlTensor x, EjmlTensor out) {
        x.kernels.sumColumns(x.matrix, out.matrix);
    }

    @Override
    protected void doSumRows(EjmlTensor x, EjmlTensor out) {
        x.kernels.sumRows(x.matrix, out.matrix);
    }

    @Override
    protected void doRowMax(EjmlTensor x, EjmlTensor out) {
        x.kernels.rowMax(x.matrix, out.matrix);
    }

    @Override
    protected void doRowLogSumExp(EjmlTensor x, EjmlTensor out) {
        x.kernels.rowLogSumExp(x.matrix, out.matrix);
    }

    @Override
    protected void doArgmaxRows(EjmlTensor x, int[] out) {
        x.kernels.argmaxRows(x.matrix, out);
    }
}
