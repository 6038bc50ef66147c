package dev.backprop.spi.support;

import dev.backprop.spi.AdamStep;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.ComposedOps;
import dev.backprop.spi.RequiredOps;
import dev.backprop.spi.Shape;
import dev.backprop.spi.UnaryOp;

/**
 * The arithmetic of one backend for one data type, on the backend's own tensor class {@code T}: what
 * a backend author writes. {@link AbstractBackend} checks every op's operands once (shapes, data
 * types, aliasing, tensors of other backends, closed tensors), picks the kernels of the operands' data
 * type with {@link AbstractBackend#kernels} and calls the one method here: one hop from the SPI to
 * the arithmetic.
 *
 * <p>Each method has the meaning of the SPI method of the same name ({@link dev.backprop.spi.Backend});
 * its operands are already checked, so a kernel never checks them again. The fused ops default to their
 * composition in {@link ComposedOps} on the backend's checked ops; a backend overrides one with a
 * single kernel, which the conformance kit compares with the composition.
 *
 * @param <T> the backend's tensor class
 */
public interface TypedKernels<T extends AbstractTensor> {

    /** A zero-filled tensor of this data type. */
    T allocate(Shape shape);

    /** A view of {@code x}'s storage with {@code shape}, which has {@code x}'s size. */
    T view(T x, Shape shape);

    /** Copies {@code out.size()} values from {@code source} at {@code offset}; the range is checked. */
    void upload(double[] source, int offset, T out);

    /** Copies {@code source}'s values into {@code out} at {@code offset}; the range is checked. */
    void download(T source, double[] out, int offset);

    /** {@code out = source}; never called with {@code source == out}. */
    void copy(T source, T out);

    /** Every element of {@code out} set to {@code value}. */
    void fill(double value, T out);

    /** {@code c = alpha·op(a)·op(b) + beta·c} on the matrix views; {@code c} is neither {@code a} nor {@code b}. */
    void gemm(boolean transposeA, boolean transposeB, double alpha, T a, T b, double beta, T c);

    /** {@code out = op(x)}; {@code out} may be {@code x}. */
    void unary(UnaryOp op, T x, T out);

    /** {@code out = op(a, b)} with {@code b} lined up as {@code broadcast} says; {@code out} may be an input. */
    void binary(BinaryOp op, T a, T b, Broadcast broadcast, T out);

    /** {@code out = alpha·a + beta·b}; {@code out} may be {@code a} or {@code b}. */
    void linear(double alpha, T a, double beta, T b, T out);

    /** {@code out = scale·x + shift}; {@code out} may be {@code x}. */
    void affine(T x, double scale, double shift, T out);

    /** {@code out = min(max(x, min), max)}; {@code min <= max}. */
    void clamp(T x, double min, double max, T out);

    /** Sum of every element. */
    double sum(T x);

    /** Sum of the element-wise products. */
    double dot(T a, T b);

    /** Column sums of the matrix view into the 1×cols {@code out}. */
    void sumColumns(T x, T out);

    /** Row sums of the matrix view into the rows×1 {@code out}. */
    void sumRows(T x, T out);

    /** Row maxima of the matrix view into the rows×1 {@code out}. */
    void rowMax(T x, T out);

    /** Stable row log-sum-exp of the matrix view into the rows×1 {@code out}. */
    void rowLogSumExp(T x, T out);

    /** Index of each row's first maximum; {@code out} is long enough. */
    void argmaxRows(T x, int[] out);

    /** See {@link dev.backprop.spi.FusedOps#sigmoidBackward}; composed by default. */
    default void sigmoidBackward(RequiredOps ops, T y, T dy, T dz) {
        ComposedOps.sigmoidBackward(ops, y, dy, dz);
    }

    /** See {@link dev.backprop.spi.FusedOps#tanhBackward}; composed by default. */
    default void tanhBackward(RequiredOps ops, T y, T dy, T dz) {
        ComposedOps.tanhBackward(ops, y, dy, dz);
    }

    /** See {@link dev.backprop.spi.FusedOps#leakyRelu}; composed by default. */
    default void leakyRelu(RequiredOps ops, T z, double slope, T y) {
        ComposedOps.leakyRelu(ops, z, slope, y);
    }

    /** See {@link dev.backprop.spi.FusedOps#leakyReluBackward}; composed by default. */
    default void leakyReluBackward(RequiredOps ops, T z, double slope, T dy, T dz) {
        ComposedOps.leakyReluBackward(ops, z, slope, dy, dz);
    }

    /** See {@link dev.backprop.spi.FusedOps#softmax}; composed by default. */
    default void softmax(RequiredOps ops, T z, T rowScratch, T y) {
        ComposedOps.softmax(ops, z, rowScratch, y);
    }

    /** See {@link dev.backprop.spi.FusedOps#softmaxBackward}; composed by default. */
    default void softmaxBackward(RequiredOps ops, T y, T dy, T rowScratch, T dz) {
        ComposedOps.softmaxBackward(ops, y, dy, rowScratch, dz);
    }

    /** See {@link dev.backprop.spi.FusedOps#softmaxCrossEntropy}; composed by default. */
    default double softmaxCrossEntropy(RequiredOps ops, T logits, T targets, T rowScratch, T gradient) {
        return ComposedOps.softmaxCrossEntropy(ops, logits, targets, rowScratch, gradient);
    }

    /** See {@link dev.backprop.spi.FusedOps#adamUpdate}; composed by default. */
    default void adamUpdate(RequiredOps ops, T param, T gradient, T m, T v, T scratch, AdamStep step) {
        ComposedOps.adamUpdate(ops, param, gradient, m, v, scratch, step);
    }
}
