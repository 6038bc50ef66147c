package dev.backprop.backend.ejml;

import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.UnaryOp;

/**
 * The EJML backend's kernels over one matrix type {@code M} ({@code DMatrixRMaj} or
 * {@code FMatrixRMaj}); operands are already checked by
 * {@link dev.backprop.spi.support.AbstractBackend}.
 *
 * @param <M> the EJML matrix type
 */
interface EjmlKernels<M> {

    M create(int rows, int cols);

    /** A matrix of {@code rows x cols} on {@code matrix}'s data array (no copy). */
    M view(M matrix, int rows, int cols);

    void copy(M source, M out);

    void fill(double value, M out);

    void gemm(boolean transposeA, boolean transposeB, double alpha, M a, M b, double beta, M c);

    void unary(UnaryOp op, M x, M out);

    void binary(BinaryOp op, M a, M b, Broadcast broadcast, int inner, M out);

    void linear(double alpha, M a, double beta, M b, M out);

    void affine(M x, double scale, double shift, M out);

    void clamp(M x, double min, double max, M out);

    double sum(M x);

    double dot(M a, M b);

    void sumColumns(M x, M out);

    void sumRows(M x, M out);

    void rowMax(M x, M out);

    void rowLogSumExp(M x, M out);

    void argmaxRows(M x, int[] out);
}
