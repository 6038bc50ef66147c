package dev.backprop.spi.support;

import dev.backprop.spi.AdamStep;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.ComposedOps;
import dev.backprop.spi.ConvolutionChecks;
import dev.backprop.spi.DType;
import dev.backprop.spi.OpFamily;
import dev.backprop.spi.Shape;
import dev.backprop.spi.ShapeCheck;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.UnaryOp;
import dev.backprop.spi.Window2d;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A {@link Backend} built from one {@link TypedKernels} per data type. Every public op here is final:
 * it checks its operands with {@link ShapeCheck} (fused ops with the {@code check...} methods of
 * {@link ComposedOps}), rejects tensors of other backends and closed tensors, and calls the kernel of
 * the operands' data type with the backend's own tensor class. A backend author writes the kernels
 * and {@link #kernels(DType)}, nothing else.
 *
 * @param <T> the backend's tensor class
 */
public abstract class AbstractBackend<T extends AbstractTensor> implements Backend {

    /** The names of the element-wise ops in messages, made once: a training step builds no string. */
    private static final String[] UNARY_NAMES = opNames("unary ", UnaryOp.values());
    private static final String[] BINARY_NAMES = opNames("binary ", BinaryOp.values());

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
        return kernels(dtype).allocate(shape);
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
        return kernels(t.dtype()).view(t, shape);
    }

    @Override
    public final void upload(double[] source, int offset, Tensor out) {
        T o = own("upload", out);
        ShapeCheck.arrayRange("upload", source.length, offset, o.size());
        kernels(o.dtype()).upload(source, offset, o);
    }

    @Override
    public final void download(Tensor source, double[] out, int offset) {
        T s = own("download", source);
        ShapeCheck.arrayRange("download", out.length, offset, s.size());
        kernels(s.dtype()).download(s, out, offset);
    }

    @Override
    public final void copy(Tensor source, Tensor out) {
        ShapeCheck.allSameShape("copy", source, out);
        T s = own("copy", source);
        T o = own("copy", out);
        if (s != o) {
            kernels(o.dtype()).copy(s, o);
        }
    }

    @Override
    public final void fill(double value, Tensor out) {
        T o = own("fill", out);
        kernels(o.dtype()).fill(value, o);
    }

    @Override
    public final void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta,
            Tensor c) {
        ShapeCheck.gemm(transposeA, transposeB, a, b, c);
        kernels(c.dtype()).gemm(transposeA, transposeB, alpha, own("gemm", a), own("gemm", b), beta, own("gemm", c));
    }

    @Override
    public final void unary(UnaryOp op, Tensor x, Tensor out) {
        String name = UNARY_NAMES[op.ordinal()];
        ShapeCheck.elementwise(name, x, out);
        kernels(out.dtype()).unary(op, own(name, x), own(name, out));
    }

    @Override
    public final void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        String name = BINARY_NAMES[op.ordinal()];
        Broadcast broadcast = ShapeCheck.binary(name, a, b, out);
        kernels(out.dtype()).binary(op, own(name, a), own(name, b), broadcast, own(name, out));
    }

    @Override
    public final void linear(double alpha, Tensor a, double beta, Tensor b, Tensor out) {
        ShapeCheck.allSameShape("linear", a, b, out);
        kernels(out.dtype()).linear(alpha, own("linear", a), beta, own("linear", b), own("linear", out));
    }

    @Override
    public final void affine(Tensor x, double scale, double shift, Tensor out) {
        ShapeCheck.elementwise("affine", x, out);
        kernels(out.dtype()).affine(own("affine", x), scale, shift, own("affine", out));
    }

    @Override
    public final void clamp(Tensor x, double min, double max, Tensor out) {
        ShapeCheck.elementwise("clamp", x, out);
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("clamp: need min <= max, got [" + min + ", " + max + "]");
        }
        kernels(out.dtype()).clamp(own("clamp", x), min, max, own("clamp", out));
    }

    @Override
    public final double sum(Tensor x) {
        return kernels(x.dtype()).sum(own("sum", x));
    }

    @Override
    public final double dot(Tensor a, Tensor b) {
        ShapeCheck.allSameShape("dot", a, b);
        return kernels(a.dtype()).dot(own("dot", a), own("dot", b));
    }

    @Override
    public final void sumColumns(Tensor x, Tensor out) {
        ShapeCheck.reduction("sumColumns", x, out, 1, x.cols());
        kernels(x.dtype()).sumColumns(own("sumColumns", x), own("sumColumns", out));
    }

    @Override
    public final void sumRows(Tensor x, Tensor out) {
        ShapeCheck.reduction("sumRows", x, out, x.rows(), 1);
        kernels(x.dtype()).sumRows(own("sumRows", x), own("sumRows", out));
    }

    @Override
    public final void rowMax(Tensor x, Tensor out) {
        ShapeCheck.reduction("rowMax", x, out, x.rows(), 1);
        kernels(x.dtype()).rowMax(own("rowMax", x), own("rowMax", out));
    }

    @Override
    public final void rowLogSumExp(Tensor x, Tensor out) {
        ShapeCheck.reduction("rowLogSumExp", x, out, x.rows(), 1);
        kernels(x.dtype()).rowLogSumExp(own("rowLogSumExp", x), own("rowLogSumExp", out));
    }

    @Override
    public final void argmaxRows(Tensor x, int[] out) {
        T t = own("argmaxRows", x);
        if (out.length < t.rows()) {
            throw new IllegalArgumentException("argmaxRows: out has " + out.length + " elements, need " + t.rows());
        }
        kernels(t.dtype()).argmaxRows(t, out);
    }


    @Override
    public final void sigmoidBackward(Tensor y, Tensor dy, Tensor dz) {
        String op = "sigmoidBackward";
        ComposedOps.checkBackward(op, y, dy, dz);
        kernels(dz.dtype()).sigmoidBackward(this, own(op, y), own(op, dy), own(op, dz));
    }

    @Override
    public final void tanhBackward(Tensor y, Tensor dy, Tensor dz) {
        String op = "tanhBackward";
        ComposedOps.checkBackward(op, y, dy, dz);
        kernels(dz.dtype()).tanhBackward(this, own(op, y), own(op, dy), own(op, dz));
    }

    @Override
    public final void leakyRelu(Tensor z, double slope, Tensor y) {
        String op = "leakyRelu";
        ComposedOps.checkLeakyRelu(z, slope, y);
        kernels(y.dtype()).leakyRelu(this, own(op, z), slope, own(op, y));
    }

    @Override
    public final void leakyReluBackward(Tensor z, double slope, Tensor dy, Tensor dz) {
        String op = "leakyReluBackward";
        ComposedOps.checkSlope(slope);
        ComposedOps.checkBackward(op, z, dy, dz);
        kernels(dz.dtype()).leakyReluBackward(this, own(op, z), slope, own(op, dy), own(op, dz));
    }

    @Override
    public final void softmax(Tensor z, Tensor rowScratch, Tensor y) {
        String op = "softmax";
        ComposedOps.checkSoftmax(z, rowScratch, y);
        kernels(y.dtype()).softmax(this, own(op, z), own(op, rowScratch), own(op, y));
    }

    @Override
    public final void softmaxBackward(Tensor y, Tensor dy, Tensor rowScratch, Tensor dz) {
        String op = "softmaxBackward";
        ComposedOps.checkSoftmaxBackward(y, dy, rowScratch, dz);
        kernels(dz.dtype()).softmaxBackward(this, own(op, y), own(op, dy), own(op, rowScratch), own(op, dz));
    }

    @Override
    public final double softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor rowScratch, Tensor gradient) {
        String op = "softmaxCrossEntropy";
        ComposedOps.checkSoftmaxCrossEntropy(logits, targets, rowScratch, gradient);
        return kernels(logits.dtype()).softmaxCrossEntropy(this, own(op, logits), own(op, targets),
                own(op, rowScratch), own(op, gradient));
    }

    @Override
    public final void adamUpdate(Tensor param, Tensor gradient, Tensor m, Tensor v, Tensor scratch, AdamStep step) {
        String op = "adamUpdate";
        ComposedOps.checkAdam(param, gradient, m, v, scratch);
        kernels(param.dtype()).adamUpdate(this, own(op, param), own(op, gradient), own(op, m), own(op, v),
                own(op, scratch), step);
    }

    /**
     * The baseline families, plus {@link OpFamily#CONVOLUTION} when the kernels implement
     * {@link ConvolutionKernels}.
     */
    @Override
    public Set<OpFamily> families() {
        if (!(kernels(DType.FLOAT64) instanceof ConvolutionKernels<?>)) {
            return OpFamily.baseline();
        }
        EnumSet<OpFamily> families = EnumSet.copyOf(OpFamily.baseline());
        families.add(OpFamily.CONVOLUTION);
        return Collections.unmodifiableSet(families);
    }

    @Override
    public final void im2col(Tensor x, Window2d window, Tensor columns) {
        String op = "im2col";
        ConvolutionChecks.im2col(x, window, columns);
        convolution(op, x.dtype()).im2col(own(op, x), window, own(op, columns));
    }

    @Override
    public final void col2im(Tensor columns, Window2d window, Tensor dx) {
        String op = "col2im";
        ConvolutionChecks.col2im(columns, window, dx);
        convolution(op, dx.dtype()).col2im(own(op, columns), window, own(op, dx));
    }

    @Override
    public final void channelsLast(Tensor x, Tensor out) {
        String op = "channelsLast";
        ConvolutionChecks.channelsLast(x, out);
        convolution(op, x.dtype()).channelsLast(own(op, x), own(op, out));
    }

    @Override
    public final void channelsFirst(Tensor x, Tensor out) {
        String op = "channelsFirst";
        ConvolutionChecks.channelsFirst(x, out);
        convolution(op, x.dtype()).channelsFirst(own(op, x), own(op, out));
    }

    @Override
    public final void maxPool2d(Tensor x, Window2d window, Tensor y, Tensor argmax) {
        String op = "maxPool2d";
        ConvolutionChecks.maxPool2d(x, window, y, argmax);
        convolution(op, x.dtype()).maxPool2d(own(op, x), window, own(op, y), own(op, argmax));
    }

    @Override
    public final void maxPool2dBackward(Tensor dy, Tensor argmax, Window2d window, Tensor dx) {
        String op = "maxPool2dBackward";
        ConvolutionChecks.maxPool2dBackward(dy, argmax, window, dx);
        convolution(op, dx.dtype()).maxPool2dBackward(own(op, dy), own(op, argmax), window, own(op, dx));
    }

    @Override
    public final void avgPool2d(Tensor x, Window2d window, Tensor y) {
        String op = "avgPool2d";
        ConvolutionChecks.avgPool2d(x, window, y);
        convolution(op, x.dtype()).avgPool2d(own(op, x), window, own(op, y));
    }

    @Override
    public final void avgPool2dBackward(Tensor dy, Window2d window, Tensor dx) {
        String op = "avgPool2dBackward";
        ConvolutionChecks.avgPool2dBackward(dy, window, dx);
        convolution(op, dx.dtype()).avgPool2dBackward(own(op, dy), window, own(op, dx));
    }

    @Override
    public final void conv2d(Tensor x, Tensor weights, Tensor bias, Window2d window, Tensor columns,
            Tensor channelsLast, Tensor y) {
        String op = "conv2d";
        ConvolutionChecks.conv2d(x, weights, bias, window, columns, channelsLast, y);
        convolution(op, x.dtype()).conv2d(this, own(op, x), own(op, weights), own(op, bias), window,
                own(op, columns), own(op, channelsLast), own(op, y));
    }

    @Override
    public final void conv2dBackward(Tensor x, Tensor weights, Window2d window, Tensor dy, Tensor columns,
            Tensor channelsLast, Tensor dWeights, Tensor dBias, Tensor dx) {
        String op = "conv2dBackward";
        ConvolutionChecks.conv2dBackward(x, weights, window, dy, columns, channelsLast, dWeights, dBias, dx);
        convolution(op, dy.dtype()).conv2dBackward(this, own(op, x), own(op, weights), window, own(op, dy),
                own(op, columns), own(op, channelsLast), own(op, dWeights), own(op, dBias),
                dx == null ? null : own(op, dx));
    }

    @SuppressWarnings("unchecked")
    private ConvolutionKernels<T> convolution(String op, DType dtype) {
        if (kernels(dtype) instanceof ConvolutionKernels<?> convolution) {
            return (ConvolutionKernels<T>) convolution;
        }
        throw OpFamily.CONVOLUTION.unsupportedBy(this, op);
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


    /**
     * The kernels of {@code dtype}, which {@link #supports} this backend: the one place a backend's
     * arithmetic is reached from.
     */
    protected abstract TypedKernels<T> kernels(DType dtype);

    private static String[] opNames(String prefix, Enum<?>[] ops) {
        String[] names = new String[ops.length];
        for (Enum<?> op : ops) {
            names[op.ordinal()] = prefix + op;
        }
        return names;
    }
}
