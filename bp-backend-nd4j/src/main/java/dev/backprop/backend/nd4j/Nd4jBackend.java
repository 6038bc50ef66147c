package dev.backprop.backend.nd4j;

import dev.backprop.spi.DType;
import dev.backprop.spi.support.AbstractBackend;
import dev.backprop.spi.support.TypedKernels;

/**
 * The ND4J backend: {@link Nd4jKernels} for each data type, sharing one host-transfer buffer, one
 * set of scratch arrays and one {@link Nd4jConvolution}. The system property
 * {@code backprop.nd4j.fusedConv2d=true} switches {@code conv2d} and its backward pass from the SPI's
 * composition to libnd4j's fused ops (README, "The ND4J backend's convolutions"). Not thread-safe.
 */
public final class Nd4jBackend extends AbstractBackend<Nd4jTensor> {

    /** The name users select this backend by. */
    public static final String NAME = "nd4j";

    private final Nd4jKernels float64;
    private final Nd4jKernels float32;

    /** Called by {@link Nd4jBackendProvider} once ND4J has loaded. */
    Nd4jBackend() {
        this(Boolean.getBoolean("backprop.nd4j.fusedConv2d"));
    }

    /** With libnd4j's fused {@code conv2d} and {@code conv2d_bp} or with the SPI's composition of them. */
    Nd4jBackend(boolean fusedConv2d) {
        super(NAME, Nd4jTensor.class);
        HostTransfer transfer = new HostTransfer();
        ScratchArrays scratch = new ScratchArrays();
        Nd4jConvolution convolution = new Nd4jConvolution(scratch, new NativeOps(), fusedConv2d);
        float64 = new Nd4jKernels(DType.FLOAT64, transfer, scratch, convolution);
        float32 = new Nd4jKernels(DType.FLOAT32, transfer, scratch, convolution);
    }

    @Override
    protected TypedKernels<Nd4jTensor> kernels(DType dtype) {
        return dtype == DType.FLOAT64 ? float64 : float32;
    }
}
