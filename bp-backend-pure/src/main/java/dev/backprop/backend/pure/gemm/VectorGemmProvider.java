package dev.backprop.backend.pure.gemm;

import jdk.incubator.vector.VectorShape;

/**
 * Packed GEMM with the Vector API micro-kernels. Loaded only by {@link GemmProvider#vector()}, after
 * it found the module, so that no other class links against {@code jdk.incubator.vector}.
 */
final class VectorGemmProvider extends GemmProvider {

    private final int bits;
    private final Gemm<double[]> float64;
    private final Gemm<float[]> float32;

    /** @throws UnsupportedOperationException if this CPU's preferred vectors are narrower than 128 bits */
    VectorGemmProvider() {
        bits = VectorShape.preferredShape().vectorBitSize();
        if (bits < 128) {
            throw new UnsupportedOperationException("the CPU's preferred vectors have " + bits + " bits, fewer than 128");
        }
        float64 = new Float64PackedGemm(new Float64VectorMicroKernel());
        float32 = new Float32PackedGemm(new Float32VectorMicroKernel());
    }

    @Override
    public Gemm<double[]> float64() {
        return float64;
    }

    @Override
    public Gemm<float[]> float32() {
        return float32;
    }

    @Override
    public boolean vectorized() {
        return true;
    }

    @Override
    public String describe() {
        return "packed Vector API micro-kernel, " + bits + "-bit vectors, tile " + Float64VectorMicroKernel.MR + "x"
                + Float32VectorMicroKernel.NR + " (float32) / " + Float64VectorMicroKernel.MR + "x"
                + Float64VectorMicroKernel.NR + " (float64)";
    }
}
