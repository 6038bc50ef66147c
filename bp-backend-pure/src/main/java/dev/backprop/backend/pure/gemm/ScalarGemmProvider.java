package dev.backprop.backend.pure.gemm;

/** Packed GEMM with the scalar 4×4 micro-kernels. */
final class ScalarGemmProvider extends GemmProvider {

    private final Gemm<double[]> float64 = new Float64PackedGemm(new Float64ScalarMicroKernel());
    private final Gemm<float[]> float32 = new Float32PackedGemm(new Float32ScalarMicroKernel());

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
        return false;
    }

    @Override
    public String describe() {
        return "packed scalar 4x4 micro-kernel (start Java with --add-modules " + VECTOR_MODULE
                + " for the vector one)";
    }
}
