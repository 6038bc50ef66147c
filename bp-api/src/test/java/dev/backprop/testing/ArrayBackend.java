package dev.backprop.testing;

import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.UnaryOp;
import dev.backprop.spi.support.AbstractBackend;
import dev.backprop.spi.support.AbstractTensor;
import dev.backprop.spi.support.TypedKernels;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A plain-loop backend for {@code bp-api}'s own tests of code that needs a working backend but tests
 * no backend (errors the API raises, the trainer's bookkeeping). Backends themselves are held to the
 * conformance kit; this one only has to be obviously right.
 */
public final class ArrayBackend extends AbstractBackend<ArrayBackend.Array> {

    /** A tensor: row-major values, rounded to its type on every store. */
    static final class Array extends AbstractTensor {
        final double[] data;

        Array(DType dtype, Shape shape) {
            super(dtype, shape);
            data = new double[(int) shape.size()];
        }

        Array(Array base, Shape shape) {
            super(base, shape);
            data = base.data;
        }

        void store(IntToDoubleFunction value) {
            double[] next = new double[data.length];
            for (int i = 0; i < next.length; i++) {
                next[i] = dtype().round(value.applyAsDouble(i));
            }
            System.arraycopy(next, 0, data, 0, next.length);
        }
    }

    private final Kernels float64 = new Kernels(DType.FLOAT64);
    private final Kernels float32 = new Kernels(DType.FLOAT32);

    /** A new backend. */
    public ArrayBackend() {
        super("array", Array.class);
    }

    @Override
    protected TypedKernels<Array> kernels(DType dtype) {
        return dtype == DType.FLOAT64 ? float64 : float32;
    }

    /** The loops for one data type; a float32 tensor rounds what it stores. */
    private static final class Kernels implements TypedKernels<Array> {
        private final DType dtype;

        Kernels(DType dtype) {
            this.dtype = dtype;
        }

        @Override
        public Array allocate(Shape shape) {
            return new Array(dtype, shape);
        }

        @Override
        public Array view(Array x, Shape shape) {
            return new Array(x, shape);
        }

        @Override
        public void upload(double[] source, int offset, Array out) {
            out.store(i -> source[offset + i]);
        }

        @Override
        public void download(Array source, double[] out, int offset) {
            System.arraycopy(source.data, 0, out, offset, source.data.length);
        }

        @Override
        public void copy(Array source, Array out) {
            out.store(i -> source.data[i]);
        }

        @Override
        public void fill(double value, Array out) {
            out.store(i -> value);
        }

        @Override
        public void gemm(boolean ta, boolean tb, double alpha, Array a, Array b, double beta, Array c) {
            int n = c.cols();
            int k = ta ? a.rows() : a.cols();
            c.store(index -> {
                int i = index / n;
                int j = index % n;
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (ta ? a.data[p * a.cols() + i] : a.data[i * a.cols() + p])
                            * (tb ? b.data[j * b.cols() + p] : b.data[p * b.cols() + j]);
                }
                return beta == 0 ? alpha * sum : alpha * sum + beta * c.data[index];
            });
        }

        @Override
        public void unary(UnaryOp op, Array x, Array out) {
            out.store(i -> op.apply(x.data[i]));
        }

        @Override
        public void binary(BinaryOp op, Array a, Array b, Broadcast broadcast, Array out) {
            int cols = a.cols();
            out.store(i -> op.apply(a.data[i], switch (broadcast) {
                case SAME -> b.data[i];
                case ROW -> b.data[i % cols];
                case COLUMN -> b.data[i / cols];
                case CHANNEL -> b.data[i % cols / (cols / b.data.length)];
            }));
        }

        @Override
        public void linear(double alpha, Array a, double beta, Array b, Array out) {
            out.store(i -> alpha * a.data[i] + beta * b.data[i]);
        }

        @Override
        public void affine(Array x, double scale, double shift, Array out) {
            out.store(i -> scale * x.data[i] + shift);
        }

        @Override
        public void clamp(Array x, double min, double max, Array out) {
            out.store(i -> Math.min(Math.max(x.data[i], min), max));
        }

        @Override
        public double sum(Array x) {
            return Arrays.stream(x.data).sum();
        }

        @Override
        public double dot(Array a, Array b) {
            double sum = 0;
            for (int i = 0; i < a.data.length; i++) {
                sum += a.data[i] * b.data[i];
            }
            return sum;
        }

        @Override
        public void sumColumns(Array x, Array out) {
            out.store(j -> {
                double sum = 0;
                for (int i = 0; i < x.rows(); i++) {
                    sum += x.data[i * x.cols() + j];
                }
                return sum;
            });
        }

        @Override
        public void sumRows(Array x, Array out) {
            out.store(i -> Arrays.stream(x.data, i * x.cols(), (i + 1) * x.cols()).sum());
        }

        @Override
        public void rowMax(Array x, Array out) {
            out.store(i -> Arrays.stream(x.data, i * x.cols(), (i + 1) * x.cols()).max().orElseThrow());
        }

        @Override
        public void rowLogSumExp(Array x, Array out) {
            out.store(i -> {
                double max = Arrays.stream(x.data, i * x.cols(), (i + 1) * x.cols()).max().orElseThrow();
                if (Double.isInfinite(max)) {
                    return max;
                }
                return max + Math.log(Arrays.stream(x.data, i * x.cols(), (i + 1) * x.cols())
                        .map(v -> Math.exp(v - max)).sum());
            });
        }

        @Override
        public void argmaxRows(Array x, int[] out) {
            for (int i = 0; i < x.rows(); i++) {
                int best = 0;
                for (int j = 1; j < x.cols(); j++) {
                    if (x.data[i * x.cols() + j] > x.data[i * x.cols() + best]) {
                        best = j;
                    }
                }
                out[i] = best;
            }
        }
    }
}
