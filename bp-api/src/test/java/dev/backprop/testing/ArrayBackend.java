package dev.backprop.testing;

import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.DType;
import dev.backprop.spi.UnaryOp;
import dev.backprop.spi.support.AbstractBackend;
import dev.backprop.spi.support.AbstractTensor;
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

        Array(DType dtype, int rows, int cols) {
            super(dtype, rows, cols);
            data = new double[rows * cols];
        }

        void store(IntToDoubleFunction value) {
            double[] next = new double[data.length];
            for (int i = 0; i < next.length; i++) {
                next[i] = dtype().round(value.applyAsDouble(i));
            }
            System.arraycopy(next, 0, data, 0, next.length);
        }
    }

    /** A new backend. */
    public ArrayBackend() {
        super("array", Array.class);
    }

    @Override
    protected Array newTensor(DType dtype, int rows, int cols) {
        return new Array(dtype, rows, cols);
    }

    @Override
    protected void doUpload(double[] source, int offset, Array out) {
        out.store(i -> source[offset + i]);
    }

    @Override
    protected void doDownload(Array source, double[] out, int offset) {
        System.arraycopy(source.data, 0, out, offset, source.data.length);
    }

    @Override
    protected void doCopy(Array source, Array out) {
        out.store(i -> source.data[i]);
    }

    @Override
    protected void doFill(double value, Array out) {
        out.store(i -> value);
    }

    @Override
    protected void doGemm(boolean ta, boolean tb, double alpha, Array a, Array b, double beta, Array c) {
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
    protected void doUnary(UnaryOp op, Array x, Array out) {
        out.store(i -> op.apply(x.data[i]));
    }

    @Override
    protected void doBinary(BinaryOp op, Array a, Array b, Broadcast broadcast, Array out) {
        int cols = a.cols();
        out.store(i -> op.apply(a.data[i], switch (broadcast) {
            case SAME -> b.data[i];
            case ROW -> b.data[i % cols];
            case COLUMN -> b.data[i / cols];
        }));
    }

    @Override
    protected void doLinear(double alpha, Array a, double beta, Array b, Array out) {
        out.store(i -> alpha * a.data[i] + beta * b.data[i]);
    }

    @Override
    protected void doAffine(Array x, double scale, double shift, Array out) {
        out.store(i -> scale * x.data[i] + shift);
    }

    @Override
    protected void doClamp(Array x, double min, double max, Array out) {
        out.store(i -> Math.min(Math.max(x.data[i], min), max));
    }

    @Override
    protected double doSum(Array x) {
        return Arrays.stream(x.data).sum();
    }

    @Override
    protected double doDot(Array a, Array b) {
        double sum = 0;
        for (int i = 0; i < a.data.length; i++) {
            sum += a.data[i] * b.data[i];
        }
        return sum;
    }

    @Override
    protected void doSumColumns(Array x, Array out) {
        out.store(j -> {
            double sum = 0;
            for (int i = 0; i < x.rows(); i++) {
                sum += x.data[i * x.cols() + j];
            }
            return sum;
        });
    }

    @Override
    protected void doSumRows(Array x, Array out) {
        out.store(i -> Arrays.stream(x.data, i * x.cols(), (i + 1) * x.cols()).sum());
    }

    @Override
    protected void doRowMax(Array x, Array out) {
        out.store(i -> Arrays.stream(x.data, i * x.cols(), (i + 1) * x.cols()).max().orElseThrow());
    }

    @Override
    protected void doRowLogSumExp(Array x, Array out) {
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
    protected void doArgmaxRows(Array x, int[] out) {
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
