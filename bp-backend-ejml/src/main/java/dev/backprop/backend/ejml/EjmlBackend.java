package dev.backprop.backend.ejml;

import dev.backprop.spi.DType;
import dev.backprop.spi.support.AbstractBackend;
import dev.backprop.spi.support.TypedKernels;

/**
 * The EJML backend: {@link Float64EjmlKernels} and its generated float32 twin. The fused ops keep
 * their composed defaults, so this backend runs every derivative exactly as
 * {@link dev.backprop.spi.ComposedOps} writes it.
 */
public final class EjmlBackend extends AbstractBackend<EjmlTensor> {

    /** The name users select this backend by. */
    public static final String NAME = "ejml";

    /** A new backend; it holds no state. */
    public EjmlBackend() {
        super(NAME, EjmlTensor.class);
    }

    @Override
    protected TypedKernels<EjmlTensor> kernels(DType dtype) {
        return dtype == DType.FLOAT64 ? Float64EjmlKernels.INSTANCE : Float32EjmlKernels.INSTANCE;
    }
}
