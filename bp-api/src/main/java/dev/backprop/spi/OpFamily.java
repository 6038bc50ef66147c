package dev.backprop.spi;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The op families of the SPI, each an interface of {@link Backend}. A backend states the families it
 * implements with {@link Backend#families()}; code that needs a family checks it with
 * {@link #require} before it starts (a model checks its layers' families when it is built), so a
 * backend built before a family existed fails at once with a message naming the family and the
 * backend, never with an {@link AbstractMethodError} deep in training.
 *
 * <p>How a family is added: its ops enter the SPI as default methods that throw
 * {@link #unsupportedBy}; a backend that implements them overrides them and adds the family to
 * {@link Backend#families()}; the family is not in {@link #baseline()}.
 */
public enum OpFamily {
    /** {@link TensorStorage}: allocation, views and copies across the edge to Java arrays. */
    STORAGE("allocate, reshape, upload, download, copy, fill"),
    /** {@link MatrixOps}: GEMM. */
    MATRIX("gemm"),
    /** {@link ElementwiseOps}: element-wise arithmetic and broadcasting. */
    ELEMENTWISE("unary, binary, linear, affine, clamp"),
    /** {@link ReductionOps}: sums, row maxima, log-sum-exp, argmax. */
    REDUCTION("sum, dot, sumColumns, sumRows, rowMax, rowLogSumExp, argmaxRows"),
    /** {@link FusedOps}: composed by default, so every backend has them. */
    FUSED("activation backward passes, softmax, softmax cross-entropy, Adam"),
    /** {@link ConvolutionOps}: im2col and its adjoint, channel permutes, pooling, convolution. */
    CONVOLUTION("im2col, col2im, channelsLast, channelsFirst, maxPool2d, avgPool2d and their backward passes, "
            + "conv2d");

    private static final Set<OpFamily> BASELINE = Collections.unmodifiableSet(
            EnumSet.of(STORAGE, MATRIX, ELEMENTWISE, REDUCTION, FUSED));

    private final String ops;

    OpFamily(String ops) {
        this.ops = ops;
    }

    /** The ops of the family, in words for messages. */
    public String ops() {
        return ops;
    }

    /** The families every backend has implemented since the first SPI: what {@link Backend#families()} defaults to. */
    public static Set<OpFamily> baseline() {
        return BASELINE;
    }

    /**
     * Checks that {@code backend} implements this family.
     *
     * @param user who needs it, e.g. {@code "layer conv2d_1"}
     * @throws UnsupportedOperationException naming the family, its ops, the user and the backend
     */
    public void require(Backend backend, String user) {
        if (!backend.families().contains(this)) {
            throw unsupportedBy(backend, user);
        }
    }

    /** The error for a backend that lacks this family; what a new family's default methods throw. */
    public UnsupportedOperationException unsupportedBy(Backend backend, String user) {
        return new UnsupportedOperationException(user + " needs the op family " + name() + " (" + ops + "), which "
                + "backend '" + backend.name() + "' does not implement (it implements " + backend.families()
                + "); it may predate the family: update it, or choose another backend (bp backends lists them)");
    }
}
