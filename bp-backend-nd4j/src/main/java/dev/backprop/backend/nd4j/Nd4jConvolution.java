package dev.backprop.backend.nd4j;

import dev.backprop.spi.Backend;
import dev.backprop.spi.ComposedOps;
import dev.backprop.spi.Window2d;
import dev.backprop.spi.support.ConvolutionKernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ND4J backend's convolution kernels. {@code col2im} is libnd4j's: libnd4j lays its columns out as
 * {@code [N, C, kh, kw, OH, OW]}, and the SPI's {@code [N·OH·OW, C·kh·kw]} matrix is the same memory
 * read as {@code [N, OH, OW, C, kh, kw]}, so the native op reads the SPI's tensor through that view
 * permuted by {@code (0, 3, 4, 5, 1, 2)}, as DL4J's {@code ConvolutionLayer} does: no copy, no
 * temporary. The channel permutes are ND4J assignments between an array and such a view.
 * {@code im2col} and pooling are {@link WindowLoops} on host memory, several times faster than
 * libnd4j's {@code im2col} into the permuted view, and exact where libnd4j's pooling has no window
 * offsets to record. {@code conv2d} and its backward pass are the SPI's composition, or, when asked
 * for, libnd4j's fused {@code conv2d} / {@code conv2d_bp} (OIHW weights; the backward pass reads the
 * forward pass's input, which the SPI passes again). Not thread-safe.
 */
final class Nd4jConvolution implements ConvolutionKernels<Nd4jTensor> {

    /** The scratch slot of an unwanted input gradient; slots 0–2 belong to {@link Nd4jKernels}. */
    private static final int GRADIENT = 3;
    private static final int[] SPI_TO_NATIVE = {0, 3, 4, 5, 1, 2};
    private static final int[] CHANNELS_LAST_TO_NCHW = {0, 3, 1, 2};

    private final ScratchArrays scratch;
    private final NativeOps ops;
    private final boolean fused;

    Nd4jConvolution(ScratchArrays scratch, NativeOps ops, boolean fused) {
        this.scratch = scratch;
        this.ops = ops;
        this.fused = fused;
    }

    @Override
    public void conv2d(Backend backend, Nd4jTensor x, Nd4jTensor weights, Nd4jTensor bias, Window2d window,
            Nd4jTensor columns, Nd4jTensor channelsLast, Nd4jTensor y) {
        if (!fused) {
            ComposedOps.conv2d(backend, x, weights, bias, window, columns, channelsLast, y);
            return;
        }
        ops.run("conv2d", convArguments(window), new INDArray[] {images(x), images(weights), bias.flat()},
                new INDArray[] {images(y)});
    }

    @Override
    public void conv2dBackward(Backend backend, Nd4jTensor x, Nd4jTensor weights, Window2d window, Nd4jTensor dy,
            Nd4jTensor columns, Nd4jTensor channelsLast, Nd4jTensor dWeights, Nd4jTensor dBias, Nd4jTensor dx) {
        if (!fused) {
            ComposedOps.conv2dBackward(backend, x, weights, window, dy, columns, channelsLast, dWeights, dBias, dx);
            return;
        }
        INDArray input = images(x);
        INDArray gradient = dx == null ? scratch.get(GRADIENT, input.dataType(), input.shape()) : images(dx);
        INDArray noBias = scratch.constant(0, input.dataType(), weights.shape().dim(0));
        ops.run("conv2d_bp", convArguments(window), new INDArray[] {input, images(weights), noBias, images(dy)},
                new INDArray[] {gradient, images(dWeights), dBias.flat()});
    }

    private static long[] convArguments(Window2d w) {
        return new long[] {w.kernelHeight(), w.kernelWidth(), w.strideHeight(), w.strideWidth(), w.padHeight(),
            w.padWidth(), 1, 1, 0, 0, 1};
    }

    @Override
    public void im2col(Nd4jTensor x, Window2d window, Nd4jTensor columns) {
        var s = x.shape();
        WindowLoops.im2col(HostElements.reading(x.array), s.dim(0), s.dim(1), s.dim(2), s.dim(3), window,
                HostElements.writing(columns.array));
        HostElements.written(columns.array);
    }

    @Override
    public void col2im(Nd4jTensor columns, Window2d window, Nd4jTensor dx) {
        col2im(columns.array, window, images(dx));
    }

    @Override
    public void channelsLast(Nd4jTensor x, Nd4jTensor out) {
        var s = x.shape();
        channelsLastView(out.array, s.dim(0), s.dim(1), s.dim(2), s.dim(3)).assign(images(x));
    }

    @Override
    public void channelsFirst(Nd4jTensor x, Nd4jTensor out) {
        var s = out.shape();
        images(out).assign(channelsLastView(x.array, s.dim(0), s.dim(1), s.dim(2), s.dim(3)));
    }

    @Override
    public void maxPool2d(Nd4jTensor x, Window2d window, Nd4jTensor y, Nd4jTensor argmax) {
        var s = x.shape();
        WindowLoops.maxPool(HostElements.reading(x.array), s.dim(0) * s.dim(1), s.dim(2), s.dim(3), window,
                HostElements.writing(y.array), HostElements.writing(argmax.array));
        HostElements.written(y.array);
        HostElements.written(argmax.array);
    }

    @Override
    public void maxPool2dBackward(Nd4jTensor dy, Nd4jTensor argmax, Window2d window, Nd4jTensor dx) {
        var s = dx.shape();
        WindowLoops.maxPoolBackward(HostElements.reading(dy.array), HostElements.reading(argmax.array),
                s.dim(0) * s.dim(1), s.dim(2), s.dim(3), window, HostElements.writing(dx.array));
        HostElements.written(dx.array);
    }

    @Override
    public void avgPool2d(Nd4jTensor x, Window2d window, Nd4jTensor y) {
        var s = x.shape();
        WindowLoops.avgPool(HostElements.reading(x.array), s.dim(0) * s.dim(1), s.dim(2), s.dim(3), window,
                HostElements.writing(y.array));
        HostElements.written(y.array);
    }

    @Override
    public void avgPool2dBackward(Nd4jTensor dy, Window2d window, Nd4jTensor dx) {
        var s = dx.shape();
        WindowLoops.avgPoolBackward(HostElements.reading(dy.array), s.dim(0) * s.dim(1), s.dim(2), s.dim(3), window,
                HostElements.writing(dx.array));
        HostElements.written(dx.array);
    }

    /** libnd4j {@code col2im} of the SPI-layout matrix {@code columns} into {@code images}, overwritten. */
    private void col2im(INDArray columns, Window2d w, INDArray images) {
        long[] s = images.shape();
        int oh = w.outputHeight((int) s[2]);
        int ow = w.outputWidth((int) s[3]);
        INDArray nativeView = columns.reshape('c', s[0], oh, ow, s[1], w.kernelHeight(), w.kernelWidth())
                .permute(SPI_TO_NATIVE);
        ops.run("col2im", new long[] {w.strideHeight(), w.strideWidth(), w.padHeight(), w.padWidth(), s[2], s[3],
                1, 1, 0}, new INDArray[] {nativeView}, new INDArray[] {images});
    }

    private static INDArray images(Nd4jTensor t) {
        var s = t.shape();
        return t.array.reshape('c', s.dim(0), s.dim(1), s.dim(2), s.dim(3));
    }

    /** The channels-last matrix {@code [N·H·W, C]} read as {@code [N, C, H, W]} (a strided view). */
    private static INDArray channelsLastView(INDArray matrix, int n, int c, int h, int w) {
        return matrix.reshape('c', n, h, w, c).permute(CHANNELS_LAST_TO_NCHW);
    }
}
