/**
 * Helpers for backend authors: {@link dev.backprop.spi.support.AbstractBackend} validates operands
 * and casts tensors, so a backend implements only typed kernels; {@link
 * dev.backprop.spi.support.AbstractTensor} carries shape, type and the closed flag.
 */
package dev.backprop.spi.support;
