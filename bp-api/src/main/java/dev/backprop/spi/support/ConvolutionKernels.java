package dev.backprop.spi.support;

import dev.backprop.spi.Backend;
import dev.backprop.spi.ComposedOps;
import dev.backprop.spi.Window2d;

/**
 * The {@link dev.backprop.spi.ConvolutionOps} of one backend for one data type: what a backend's
 * {@link TypedKernels} also implement when the backend offers {@link dev.backprop.spi.OpFamily#CONVOLUTION}.
 * {@link AbstractBackend} looks for this interface on its kernels: when they implement it the backend
 * lists the family in {@link Backend#families()} and dispatches the ops here, otherwise the ops throw
 * the family's "unsupported" error. Operands are checked before a kernel is called
 * ({@link dev.backprop.spi.ConvolutionChecks}); each method has the meaning of the SPI method of the
 * same name.
 *
 * @param <T> the backend's tensor class
 */
public interface ConvolutionKernels<T extends AbstractTensor> {

    /** See {@link dev.backprop.spi.ConvolutionOps#im2col}. */
    void im2col(T x, Window2d window, T columns);

    /** See {@link dev.backprop.spi.ConvolutionOps#col2im}. */
    void col2im(T columns, Window2d window, T dx);

    /** See {@link dev.backprop.spi.ConvolutionOps#channelsLast}. */
    void channelsLast(T x, T out);

    /** See {@link dev.backprop.spi.ConvolutionOps#channelsFirst}. */
    void channelsFirst(T x, T out);

    /** See {@link dev.backprop.spi.ConvolutionOps#maxPool2d}. */
    void maxPool2d(T x, Window2d window, T y, T argmax);

    /** See {@link dev.backprop.spi.ConvolutionOps#maxPool2dBackward}. */
    void maxPool2dBackward(T dy, T argmax, Window2d window, T dx);

    /** See {@link dev.backprop.spi.ConvolutionOps#avgPool2d}. */
    void avgPool2d(T x, Window2d window, T y);

    /** See {@link dev.backprop.spi.ConvolutionOps#avgPool2dBackward}. */
    void avgPool2dBackward(T dy, Window2d window, T dx);

    /** See {@link dev.backprop.spi.ConvolutionOps#conv2d}; composed on the backend's checked ops by default. */
    default void conv2d(Backend ops, T x, T weights, T bias, Window2d window, T columns, T channelsLast, T y) {
        ComposedOps.conv2d(ops, x, weights, bias, window, columns, channelsLast, y);
    }

    /**
     * See {@link dev.backprop.spi.ConvolutionOps#conv2dBackward}; composed on the backend's checked ops by
     * default. {@code dx} may be null.
     */
    default void conv2dBackward(Backend ops, T x, T weights, Window2d window, T dy, T columns, T channelsLast,
            T dWeights, T dBias, T dx) {
        ComposedOps.conv2dBackward(ops, x, weights, window, dy, columns, channelsLast, dWeights, dBias, dx);
    }
}
