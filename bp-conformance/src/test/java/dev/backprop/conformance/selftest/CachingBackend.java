package dev.backprop.conformance.selftest;

import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.UnaryOp;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A backend that keeps a host copy of each tensor it has downloaded (as a GPU backend might) and
 * drops it whenever an op writes the tensor, as {@link #writes} decides; a mutant that forgets one
 * write case returns stale values from {@code download}.
 */
abstract class CachingBackend extends ForwardingBackend {

    private final Map<Tensor, double[]> hostCopies = new IdentityHashMap<>();

    CachingBackend(Backend delegate) {
        super(delegate);
    }

    /** Whether an op called {@code op}, writing {@code out} from {@code inputs}, drops {@code out}'s host copy. */
    abstract boolean writes(String op, Tensor out, Tensor... inputs);

    private void wrote(String op, Tensor out, Tensor... inputs) {
        if (writes(op, out, inputs)) {
            hostCopies.remove(out);
        }
    }

    @Override
    public void download(Tensor source, double[] out, int offset) {
        double[] copy = hostCopies.get(source);
        if (copy == null) {
            copy = delegate.toArray(source);
            hostCopies.put(source, copy);
        }
        System.arraycopy(copy, 0, out, offset, copy.length);
    }

    @Override
    public void upload(double[] source, int offset, Tensor out) {
        delegate.upload(source, offset, out);
        hostCopies.remove(out);
    }

    @Override
    public void copy(Tensor source, Tensor out) {
        delegate.copy(source, out);
        wrote("copy", out, source);
    }

    @Override
    public void fill(double value, Tensor out) {
        delegate.fill(value, out);
        wrote("fill", out);
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        delegate.gemm(transposeA, transposeB, alpha, a, b, beta, c);
        wrote("gemm", c, a, b);
    }

    @Override
    public void unary(UnaryOp op, Tensor x, Tensor out) {
        delegate.unary(op, x, out);
        wrote("unary", out, x);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        delegate.binary(op, a, b, out);
        wrote("binary", out, a, b);
    }

    @Override
    public void linear(double alpha, Tensor a, double beta, Tensor b, Tensor out) {
        delegate.linear(alpha, a, beta, b, out);
        wrote("linear", out, a, b);
    }

    @Override
    public void affine(Tensor x, double scale, double shift, Tensor out) {
        delegate.affine(x, scale, shift, out);
        wrote("affine", out, x);
    }

    @Override
    public void clamp(Tensor x, double min, double max, Tensor out) {
        delegate.clamp(x, min, max, out);
        wrote("clamp", out, x);
    }

    @Override
    public void sumColumns(Tensor x, Tensor out) {
        delegate.sumColumns(x, out);
        wrote("sumColumns", out, x);
    }

    @Override
    public void sumRows(Tensor x, Tensor out) {
        delegate.sumRows(x, out);
        wrote("sumRows", out, x);
    }

    @Override
    public void rowMax(Tensor x, Tensor out) {
        delegate.rowMax(x, out);
        wrote("rowMax", out, x);
    }

    @Override
    public void rowLogSumExp(Tensor x, Tensor out) {
        delegate.rowLogSumExp(x, out);
        wrote("rowLogSumExp", out, x);
    }
}
