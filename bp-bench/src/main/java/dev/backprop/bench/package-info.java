/**
 * Benchmarks: JMH benchmarks of GEMM and training steps on every backend ({@code bench/jmh}), and
 * the workloads of the side-by-side comparison with PyTorch and DL4J ({@code bench/side-by-side},
 * {@link dev.backprop.bench.Workloads}).
 */
package dev.backprop.bench;
