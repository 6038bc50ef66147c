package dev.backprop.spi.support;

import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.ShapeCheck;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.UnaryOp;

/**
 * A {@link Backend} whose public ops check their operands with {@link ShapeCheck}, reject tensors of
 * other backends and closed tensors, and then call a protected kernel with the backend's own tensor
 * type. A subclass implements the {@code do...} kernels and may override the
 * {@link dev.backprop.spi.FusedOps} (checking operands with the {@code check...} methods of
 * {@link dev.backprop.spi.ComposedOps} first).
 *
 * @param <T> the backend's tensor class
 */
public abstract class AbstractBackend<T extends AbstractTensor> implements Backend {

    private final String name;
    private final Class<T> tensorType;

    /**
     * @param name the provider's name, used in messages
     * @param tensorType the class of this backend's tensors
     */
    protected AbstractBackend(String name, Class<T> tensorType) {
        this.name = name;
        this.tensorType = tensorType;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Tensor allocate(DType dtype, Shape shape) {
        if (!supports(dtype)) {
            throw new IllegalArgumentException("backend " + name + " does not support " + dtype.id());
        }
        return newTensor(dtype, shape);
    }

    @Override
    public final Tensor allocate(DType dtype, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("allocate: dimensions must be at least 1, got [" + rows + " x " + cols + "]");
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("allocate: [" + rows + " x " + cols + "] has more than 2^31 elements");
        }
        return allocate(dtype, Shape.matrix(rows, cols));
    }

    @Override
    public final Tensor reshape(Tensor x, Shape shape) {
        T t = own("reshape", x);
        ShapeCheck.reshape(t, shape);
        return newView(t, shape);
    }

    @Override
    public final void upload(double[] source, int offset, Tensor out) {
        T o = own("upload", out);
        ShapeCheck.arrayRange("upload", source.length, offset, o.size());
        doUpload(source, offset, o);
    }

    @Override
    public final void download(Tensor source, double[] out, int offset) {
        T s = own("download", source);
        ShapeCheck.arrayRange("download", out.length, offset, s.size());
        doDownload(s, out, offset);
    }

    @Override
    public final void copy(Tensor source, Tensor out) {
        ShapeCheck.allSameShape("copy", source, out);
        T s = own("copy", source);
        T o = own("copy", out);
        if (s != o) {
            doCopy(s, o);
        }
    }

    @Override
    public final void fill(double value, Tensor out) {
        doFill(value, own("fill", out));
    }

    @Override
    public final void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta,
            Tensor c) {
        ShapeCheck.gemm(transposeA, transposeB, a, b, c);
        doGemm(transposeA, transposeB, alpha, own("gemm", a), own("gemm", b), beta, own("gemm", c));
    }

    @Override
    public final void unary(UnaryOp op, Tensor x, Tensor out) {
        String name = "unary " + op;
        ShapeCheck.elementwise(name, x, out);
        doUnary(op, own(name, x), own(name, out));
    }

    @Override
    public final void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        String name = "binary " + op;
        Broadcast broadcast = ShapeCheck.binary(name, a, b, out);
        doBinary(op, own(name, a), own(name, b), broadcast, own(name, out));
    }

    @Override
    public final void linear(double alpha, Tensor a, double beta, Tensor b, Tensor out) {
        ShapeCheck.allSameShape("linear", a, b, out);
        doLinear(alpha, own("linear", a), beta, own("linear", b), own("linear", out));
    }

    @Override
    public final void affine(Tensor x, double scale, double shift, Tensor out) {
        ShapeCheck.elementwise("affine", x, out);
        doAffine(own("affine", x), scale, shift, own("affine", out));
    }

    @Override
    public final void clamp(Tensor x, double min, double max, Tensor out) {
        ShapeCheck.elementwise("clamp", x, out);
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("clamp: need min <= max, got [" + min + ", " + max + "]");
        }
        doClamp(own("clamp", x), min, max, own("clamp", out));
    }

    @Override
    public final double sum(Tensor x) {
        return doSum(own("sum", x));
    }

    @Override
    public final double dot(Tensor a, Tensor b) {
        ShapeCheck.allSameShape("dot", a, b);
        return doDot(own("dot", a), own("dot", b));
    }

    @Override
    public final void sumColumns(Tensor x, Tensor out) {
        ShapeCheck.reduction("sumColumns", x, out, 1, x.cols());
        doSumColumns(own("sumColumns", x), own("sumColumns", out));
    }

    @Override
    public final void sumRows(Tensor x, Tensor out) {
        ShapeCheck.reduction("sumRows", x, out, x.rows(), 1);
        doSumRows(own("sumRows", x), own("sumRows", out));
    }

    @Override
    public final void rowMax(Tensor x, Tensor out) {
        ShapeCheck.reduction("rowMax", x, out, x.rows(), 1);
        doRowMax(own("rowMax", x), own("rowMax", out));
    }

    @Override
    public final void rowLogSumExp(Tensor x, Tensor out) {
        ShapeCheck.reduction("rowLogSumExp", x, out, x.rows(), 1);
        doRowLogSumExp(own("rowLogSumExp", x), own("rowLogSumExp", out));
    }

    @Override
    public final void argmaxRows(Tensor x, int[] out) {
        T t = own("argmaxRows", x);
        if (out.length < t.rows()) {
            throw new IllegalArgumentException("argmaxRows: out has " + out.length + " elements, need " + t.rows());
        }
        doArgmaxRows(t, out);
    }

    /**
     * {@code tensor} as this backend's tensor class.
     *
     * @throws IllegalArgumentException if it belongs to another backend
     * @throws IllegalStateException if it was closed
     */
    protected final T own(String op, Tensor tensor) {
        if (!tensorType.isInstance(tensor)) {
            throw new IllegalArgumentException(op + ": " + (tensor == null ? "null tensor" : "a tensor of another backend ("
                    + tensor.getClass().getName() + ")") + " was passed to backend " + name);
        }
        T t = tensorType.cast(tensor);
        if (t.isClosed()) {
            throw new IllegalStateException(op + ": tensor " + t + " was closed");
        }
        return t;
    }

    /** A zero-filled tensor; the type is supported and the shape valid. */
    protected abstract T newTensor(DType dtype, Shape shape);

    /** A view of {@code x}'s storage with {@code shape}, which has {@code x}'s size. */
    protected abstract T newView(T x, Shape shape);

    /** See {@link #upload}; the range is checked. */
    protected abstract void doUpload(double[] source, int offset, T out);

    /** See {@link #download}; the range is checked. */
    protected abstract void doDownload(T source, double[] out, int offset);

    /** See {@link #copy}; never called with {@code source == out}. */
    protected abstract void doCopy(T source, T out);

    /** See {@link #fill}. */
    protected abstract void doFill(double value, T out);

    /** See {@link #gemm}; {@code c} is neither {@code a} nor {@code b}. */
    protected abstract void doGemm(boolean transposeA, boolean transposeB, double alpha, T a, T b, double beta, T c);

    /** See {@link #unary}. */
    protected abstract void doUnary(UnaryOp op, T x, T out);

    /** See {@link #binary}; {@code broadcast} says how {@code b} lines up with {@code a}. */
    protected abstract void doBinary(BinaryOp op, T a, T b, Broadcast broadcast, T out);

    /** See {@link #linear}. */
    protected abstract void doLinear(double alpha, T a, double beta, T b, T out);

    /** See {@link #affine}. */
    protected abstract void doAffine(T x, double scale, double shift, T out);

    /** See {@link #clamp}; {@code min <= max}. */
    protected abstract void doClamp(T x, double min, double max, T out);

    /** See {@link #sum}. */
    protected abstract double doSum(T x);

    /** See {@link #dot}. */
    protected abstract double doDot(T a, T b);

    /** See {@link #sumColumns}. */
    protected abstract void doSumColumns(T x, T out);

    /** See {@link #sumRows}. */
    protected abstract void doSumRows(T x, T out);

    /** See {@link #rowMax}. */
    protected abstract void doRowMax(T x, T out);

    /** See {@link #rowLogSumExp}. */
    protected abstract void doRowLogSumExp(T x, T out);

    /** See {@link #argmaxRows}; {@code out} is long enough. */
    protected abstract void doArgmaxRows(T x, int[] out);
}
