/**
 * The pure backend's matrix multiply: a packed, cache- and register-blocked GEMM with a
 * micro-kernel on the JDK Vector API when {@code jdk.incubator.vector} is enabled, and a scalar one
 * otherwise. {@link dev.backprop.backend.pure.gemm.GemmProvider#get()} picks one at run time.
 */
package dev.backprop.backend.pure.gemm;
