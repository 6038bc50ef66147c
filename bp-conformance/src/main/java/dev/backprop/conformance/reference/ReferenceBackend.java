package dev.backprop.conformance.reference;

import dev.backprop.spi.BackendProvider;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.UnaryOp;
import dev.backprop.spi.Window2d;
import dev.backprop.spi.support.AbstractBackend;
import dev.backprop.spi.support.AbstractTensor;
import dev.backprop.spi.support.ConvolutionKernels;
import dev.backprop.spi.support.TypedKernels;

/**
 * A complete backend made of {@link Reference}'s loops: every tensor is a {@code double[]}, and a
 * float32 tensor rounds every value it stores to float32. Slow and obviously correct; the fused ops
 * keep their composed defaults, and so do {@code conv2d} and its backward pass. The kit's own tests run the kit against it, and against faulty
 * wrappers of it.
 */
public final class ReferenceBackend extends AbstractBackend<ReferenceBackend.Storage> {

    /** The name of this backend. */
    public static final String NAME = "reference";

    /** A tensor of the reference backend. */
    static final class Storage extends AbstractTensor {
        final double[] data;

        Storage(DType dtype, Shape shape) {
            super(dtype, shape);
            data = new double[(int) shape.size()];
        }

        Storage(Storage base, Shape shape) {
            super(base, shape);
            data = base.data;
        }

        void store(double[] values) {
            for (int i = 0; i < data.length; i++) {
                data[i] = dtype().round(values[i]);
            }
        }
    }

    private static final Kernels FLOAT64 = new Kernels(DType.FLOAT64);
    private static final Kernels FLOAT32 = new Kernels(DType.FLOAT32);

    /** A new reference backend. */
    public ReferenceBackend() {
        super(NAME, Storage.class);
    }

    /** A provider of this backend, for {@code BackendConformance}. */
    public static BackendProvider provider() {
        return BackendProvider.of(NAME, 0, ReferenceBackend::new);
    }

    @Override
    protected TypedKernels<Storage> kernels(DType dtype) {
        return dtype == DType.FLOAT64 ? FLOAT64 : FLOAT32;
    }

    /** The reference loops for one data type; a float32 tensor rounds what it stores. */
    private static final class Kernels implements TypedKernels<Storage>, ConvolutionKernels<Storage> {
        private final DType dtype;

        Kernels(DType dtype) {
            this.dtype = dtype;
        }

        @Override
        public Storage allocate(Shape shape) {
            return new Storage(dtype, shape);
        }

        @Override
        public Storage view(Storage x, Shape shape) {
            return new Storage(x, shape);
        }

        @Override
        public void upload(double[] source, int offset, Storage out) {
            double[] values = new double[out.data.length];
            System.arraycopy(source, offset, values, 0, values.length);
            out.store(values);
        }

        @Override
        public void download(Storage source, double[] out, int offset) {
            System.arraycopy(source.data, 0, out, offset, source.data.length);
        }

        @Override
        public void copy(Storage source, Storage out) {
            out.store(source.data);
        }

        @Override
        public void fill(double value, Storage out) {
            double[] values = new double[out.data.length];
            java.util.Arrays.fill(values, value);
            out.store(values);
        }

        @Override
        public void gemm(boolean transposeA, boolean transposeB, double alpha, Storage a, Storage b, double beta,
                Storage c) {
            c.store(Reference.gemm(transposeA, transposeB, alpha, a.data, a.rows(), a.cols(), b.data, b.rows(), b.cols(),
                    beta, c.data));
        }

        @Override
        public void unary(UnaryOp op, Storage x, Storage out) {
            out.store(Reference.unary(op, x.data));
        }

        @Override
        public void binary(BinaryOp op, Storage a, Storage b, Broadcast broadcast, Storage out) {
            out.store(Reference.binary(op, a.data, b.data, broadcast, a.rows(), a.cols(),
                    broadcast == Broadcast.CHANNEL ? a.shape().sizeFrom(2) : 1));
        }

        @Override
        public void linear(double alpha, Storage a, double beta, Storage b, Storage out) {
            out.store(Reference.linear(alpha, a.data, beta, b.data));
        }

        @Override
        public void affine(Storage x, double scale, double shift, Storage out) {
            out.store(Reference.affine(x.data, scale, shift));
        }

        @Override
        public void clamp(Storage x, double min, double max, Storage out) {
            out.store(Reference.clamp(x.data, min, max));
        }

        @Override
        public double sum(Storage x) {
            return Reference.sum(x.data);
        }

        @Override
        public double dot(Storage a, Storage b) {
            return Reference.dot(a.data, b.data);
        }

        @Override
        public void sumColumns(Storage x, Storage out) {
            out.store(Reference.sumColumns(x.data, x.rows(), x.cols()));
        }

        @Override
        public void sumRows(Storage x, Storage out) {
            out.store(Reference.sumRows(x.data, x.rows(), x.cols()));
        }

        @Override
        public void rowMax(Storage x, Storage out) {
            out.store(Reference.rowMax(x.data, x.rows(), x.cols()));
        }

        @Override
        public void rowLogSumExp(Storage x, Storage out) {
            out.store(Reference.rowLogSumExp(x.data, x.rows(), x.cols()));
        }

        @Override
        public void argmaxRows(Storage x, int[] out) {
            int[] result = Reference.argmaxRows(x.data, x.rows(), x.cols());
            System.arraycopy(result, 0, out, 0, result.length);
        }

        @Override
        public void im2col(Storage x, Window2d window, Storage columns) {
            columns.store(ConvolutionReference.im2col(x.data, x.shape(), window));
        }

        @Override
        public void col2im(Storage columns, Window2d window, Storage dx) {
            dx.store(ConvolutionReference.col2im(columns.data, dx.shape(), window));
        }

        @Override
        public void channelsLast(Storage x, Storage out) {
            out.store(ConvolutionReference.channelsLast(x.data, x.shape()));
        }

        @Override
        public void channelsFirst(Storage x, Storage out) {
            out.store(ConvolutionReference.channelsFirst(x.data, out.shape()));
        }

        @Override
        public void maxPool2d(Storage x, Window2d window, Storage y, Storage argmax) {
            double[][] result = ConvolutionReference.maxPool2d(x.data, x.shape(), window);
            y.store(result[0]);
            argmax.store(result[1]);
        }

        @Override
        public void maxPool2dBackward(Storage dy, Storage argmax, Window2d window, Storage dx) {
            dx.store(ConvolutionReference.maxPool2dBackward(dy.data, argmax.data, dx.shape(), window));
        }

        @Override
        public void avgPool2d(Storage x, Window2d window, Storage y) {
            y.store(ConvolutionReference.avgPool2d(x.data, x.shape(), window));
        }

        @Override
        public void avgPool2dBackward(Storage dy, Window2d window, Storage dx) {
            dx.store(ConvolutionReference.avgPool2dBackward(dy.data, dx.shape(), window));
        }
    }
}
