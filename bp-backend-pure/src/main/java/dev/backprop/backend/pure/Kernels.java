package dev.backprop.backend.pure;

import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.UnaryOp;

/**
 * The pure backend's kernels over one element-array type {@code A} ({@code double[]} or
 * {@code float[]}). Operands are already checked by {@link dev.backprop.spi.support.AbstractBackend};
 * {@code n} is the element count, matrices are row-major.
 *
 * @param <A> the element array type
 */
interface Kernels<A> {

    void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, A a, A b, double beta, A c);

    void unary(UnaryOp op, A x, A out, int n);

    void binary(BinaryOp op, A a, A b, Broadcast broadcast, int rows, int cols, int inner, A out);

    void linear(double alpha, A a, double beta, A b, A out, int n);

    void affine(A x, double scale, double shift, A out, int n);

    void clamp(A x, double min, double max, A out, int n);

    void fill(double value, A out, int n);

    double sum(A x, int n);

    double dot(A a, A b, int n);

    void sumColumns(A x, int rows, int cols, A out);

    void sumRows(A x, int rows, int cols, A out);

    void rowMax(A x, int rows, int cols, A out);

    void rowLogSumExp(A x, int rows, int cols, A out);

    void argmaxRows(A x, int rows, int cols, int[] out);

    void sigmoidBackward(A y, A dy, A dz, int n);

    void tanhBackward(A y, A dy, A dz, int n);

    void leakyRelu(A z, double slope, A y, int n);

    void leakyReluBackward(A z, double slope, A dy, A dz, int n);

    double softmaxCrossEntropy(A logits, A targets, int rows, int cols, A gradient);

    void adamUpdate(A param, A gradient, A m, A v, int n, double learningRate, double beta1, double beta2,
            double epsilon, double biasCorrection1, double biasCorrection2);
}
