package dev.backprop.conformance.selftest;

import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.UnaryOp;
import dev.backprop.spi.Window2d;

/**
 * A backend that forwards every required op to another; a mutant overrides one to inject a fault.
 * The fused ops and {@code conv2d} are not forwarded, so their composed defaults run on this backend's
 * (faulty) primitives, as they would in a real backend with that bug.
 */
class ForwardingBackend implements Backend {

    final Backend delegate;

    ForwardingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return "mutant";
    }

    @Override
    public Tensor allocate(DType dtype, Shape shape) {
        return delegate.allocate(dtype, shape);
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        return delegate.reshape(x, shape);
    }

    @Override
    public void upload(double[] source, int offset, Tensor out) {
        delegate.upload(source, offset, out);
    }

    @Override
    public void download(Tensor source, double[] out, int offset) {
        delegate.download(source, out, offset);
    }

    @Override
    public void copy(Tensor source, Tensor out) {
        delegate.copy(source, out);
    }

    @Override
    public void fill(double value, Tensor out) {
        delegate.fill(value, out);
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        delegate.gemm(transposeA, transposeB, alpha, a, b, beta, c);
    }

    @Override
    public void unary(UnaryOp op, Tensor x, Tensor out) {
        delegate.unary(op, x, out);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        delegate.binary(op, a, b, out);
    }

    @Override
    public void linear(double alpha, Tensor a, double beta, Tensor b, Tensor out) {
        delegate.linear(alpha, a, beta, b, out);
    }

    @Override
    public void affine(Tensor x, double scale, double shift, Tensor out) {
        delegate.affine(x, scale, shift, out);
    }

    @Override
    public void clamp(Tensor x, double min, double max, Tensor out) {
        delegate.clamp(x, min, max, out);
    }

    @Override
    public double sum(Tensor x) {
        return delegate.sum(x);
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        return delegate.dot(a, b);
    }

    @Override
    public void sumColumns(Tensor x, Tensor out) {
        delegate.sumColumns(x, out);
    }

    @Override
    public void sumRows(Tensor x, Tensor out) {
        delegate.sumRows(x, out);
    }

    @Override
    public void rowMax(Tensor x, Tensor out) {
        delegate.rowMax(x, out);
    }

    @Override
    public void rowLogSumExp(Tensor x, Tensor out) {
        delegate.rowLogSumExp(x, out);
    }

    @Override
    public void argmaxRows(Tensor x, int[] out) {
        delegate.argmaxRows(x, out);
    }

    @Override
    public java.util.Set<dev.backprop.spi.OpFamily> families() {
        return delegate.families();
    }

    @Override
    public void im2col(Tensor x, Window2d window, Tensor columns) {
        delegate.im2col(x, window, columns);
    }

    @Override
    public void col2im(Tensor columns, Window2d window, Tensor dx) {
        delegate.col2im(columns, window, dx);
    }

    @Override
    public void channelsLast(Tensor x, Tensor out) {
        delegate.channelsLast(x, out);
    }

    @Override
    public void channelsFirst(Tensor x, Tensor out) {
        delegate.channelsFirst(x, out);
    }

    @Override
    public void maxPool2d(Tensor x, Window2d window, Tensor y, Tensor argmax) {
        delegate.maxPool2d(x, window, y, argmax);
    }

    @Override
    public void maxPool2dBackward(Tensor dy, Tensor argmax, Window2d window, Tensor dx) {
        delegate.maxPool2dBackward(dy, argmax, window, dx);
    }

    @Override
    public void avgPool2d(Tensor x, Window2d window, Tensor y) {
        delegate.avgPool2d(x, window, y);
    }

    @Override
    public void avgPool2dBackward(Tensor dy, Window2d window, Tensor dx) {
        delegate.avgPool2dBackward(dy, window, dx);
    }
}
