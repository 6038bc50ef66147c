package dev.backprop.spi;

/**
 * The op set every backend must implement: storage, GEMM, element-wise arithmetic and reductions.
 * Everything else the framework computes, forward and backward, is composed from these.
 */
public interface RequiredOps extends TensorStorage, MatrixOps, ElementwiseOps, ReductionOps {
}
