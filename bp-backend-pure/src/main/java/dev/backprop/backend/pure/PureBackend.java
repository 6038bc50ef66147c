package dev.backprop.backend.pure;

import dev.backprop.spi.DType;
import dev.backprop.spi.support.AbstractBackend;
import dev.backprop.spi.support.TypedKernels;

/**
 * The pure-Java backend. Every op is a loop in {@link Float64Kernels} (and its generated float32
 * twin); the fused ops run in one pass instead of the composed several.
 */
public final class PureBackend extends AbstractBackend<PureTensor> {

    /** The name users select this backend by. */
    public static final String NAME = "pure";

    /** A new backend; it holds no state, one per process is plenty. */
    public PureBackend() {
        super(NAME, PureTensor.class);
    }

    @Override
    protected TypedKernels<PureTensor> kernels(DType dtype) {
        return dtype == DType.FLOAT64 ? Float64Kernels.INSTANCE : Float32Kernels.INSTANCE;
    }
}
