/**
 * Helpers for backend authors: {@link dev.backprop.spi.support.AbstractBackend} validates operands
 * and casts tensors, then calls the backend's {@link dev.backprop.spi.support.TypedKernels} of the
 * operands' data type, so a backend implements only typed kernels; {@link
 * dev.backprop.spi.support.AbstractTensor} carries shape, type, the closed flag and whose storage a
 * view shares.
 */
package dev.backprop.spi.support;
