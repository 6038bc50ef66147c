package dev.backprop.backend.nd4j;

import dev.backprop.spi.Backend;
import dev.backprop.spi.ComposedOps;
import dev.backprop.spi.Window2d;
import dev.backprop.spi.support.ConvolutionKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J backend's convolution kernels on libnd4j's native {@code im2col} and {@code col2im}.
 *
 * <p>libnd4j lays its columns out as {@code [N, C, kh, kw, OH, OW]}; the SPI's
 * {@code [N·OH·OW, C·kh·kw]} matrix is the same memory read as {@code [N, OH, OW, C, kh, kw]}, so the
 * native op writes (or reads) the SPI's tensor directly through that view permuted by
 * {@code (0, 3, 4, 5, 1, 2)}, as DL4J's {@code ConvolutionLayer} does: no copy, no temporary.
 *
 * <p>Pooling treats each channel as an image of its own ({@code [N·C, 1, H, W]}): its {@code im2col}
 * matrix has one row per output element, in the output's NCHW order, and one column per window offset
 * {@code u·kw + v}. Max pooling is then a row maximum and a row {@code argmax} (libnd4j's, which keeps the
 * first of equal maxima; a window holding NaN is fixed up afterwards), its backward pass a one-hot row per output scaled by {@code dy} and folded back
 * by {@code col2im}; average pooling is a product with a column of {@code 1/(kh·kw)}, its backward pass
 * the outer product of {@code dy} with that row, folded back. The window matrices live in
 * {@link ScratchArrays}, made once per shape. Not thread-safe.
 */
final class Nd4jConvolution implements ConvolutionKernels<Nd4jTensor> {

    /** Scratch slots: 0–2 belong to {@link Nd4jKernels}. */
    private static final int WINDOWS = 3;
    private static final int INDICES = 4;
    private static final int[] SPI_TO_NATIVE = {0, 3, 4, 5, 1, 2};
    private static final int[] CHANNELS_LAST_TO_NCHW = {0, 3, 1, 2};

    private static final int GRADIENT = 5;
    private static final int NO_BIAS = 6;

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
        if (!fused || columns.isView()) {
            ComposedOps.conv2d(backend, x, weights, bias, window, columns, channelsLast, y);
            return;
        }
        INDArray input = images(x);
        ops.run("conv2d", convArguments(window), new INDArray[] {input, images(weights), bias.flat()},
                new INDArray[] {images(y)});
        columns.companion(input.dataType(), input.shape()).assign(input);
    }

    @Override
    public void conv2dBackward(Backend backend, Nd4jTensor weights, Window2d window, Nd4jTensor dy,
            Nd4jTensor columns, Nd4jTensor channelsLast, Nd4jTensor dWeights, Nd4jTensor dBias, Nd4jTensor dx) {
        INDArray input = fused && !columns.isView() ? columns.companionIfPresent() : null;
        if (input == null || !savedInputFits(input, weights, window, dy)) {
            ComposedOps.conv2dBackward(backend, weights, window, dy, columns, channelsLast, dWeights, dBias, dx);
            return;
        }
        INDArray gradient = dx == null ? scratch.get(GRADIENT, input.dataType(), input.shape()) : images(dx);
        INDArray noBias = scratch.constant(0, input.dataType(), weights.shape().dim(0));
        ops.run("conv2d_bp", convArguments(window), new INDArray[] {input, images(weights), noBias, images(dy)},
                new INDArray[] {gradient, images(dWeights), dBias.flat()});
    }

    /** Whether {@code input}, kept by {@link #conv2d}, is an input that gives {@code dy} with these weights. */
    private static boolean savedInputFits(INDArray input, Nd4jTensor weights, Window2d window, Nd4jTensor dy) {
        var ds = dy.shape();
        return input.dataType() == dy.array.dataType() && input.size(0) == ds.dim(0)
                && input.size(1) == weights.shape().dim(1) && window.outputHeight((int) input.size(2)) == ds.dim(2)
                && window.outputWidth((int) input.size(3)) == ds.dim(3);
    }

    private static long[] convArguments(Window2d w) {
        return new long[] {w.kernelHeight(), w.kernelWidth(), w.strideHeight(), w.strideWidth(), w.padHeight(),
            w.padWidth(), 1, 1, 0, 0, 1};
    }

    @Override
    public void im2col(Nd4jTensor x, Window2d window, Nd4jTensor columns) {
        im2col(images(x), window, columns.array);
    }

    @Override
    public void col2im(Nd4jTensor columns, Window2d window, Nd4jTensor dx) {
        col2im(columns.array, window, images(dx));
    }

    @Override
    public void channelsLast(Nd4jTensor x, Nd4jTensor out) {
        channelsLastView(out.array, x.shape().dim(0), x.shape().dim(1), x.shape().dim(2), x.shape().dim(3))
                .assign(images(x));
    }

    @Override
    public void channelsFirst(Nd4jTensor x, Nd4jTensor out) {
        var s = out.shape();
        images(out).assign(channelsLastView(x.array, s.dim(0), s.dim(1), s.dim(2), s.dim(3)));
    }

    @Override
    public void maxPool2d(Nd4jTensor x, Window2d window, Nd4jTensor y, Nd4jTensor argmax) {
        INDArray windows = poolWindows(x, window);
        Nd4j.exec(new Max(windows, y.flat(), 1));
        INDArray indices = scratch.get(INDICES, DataType.LONG, windows.size(0));
        ops.run("argmax", new long[] {1}, new INDArray[] {windows}, new INDArray[] {indices});
        argmax.flat().assign(indices);
        if (Double.isNaN(Nd4j.getBlasWrapper().dot(x.flat(), x.flat()))) {
            firstNaNWins(windows, y.flat(), argmax.flat());
        }
    }

    /**
     * libnd4j's maximum and argmax skip NaN; the SPI's take the first NaN of a window. Only for inputs
     * holding NaN ({@code x·x} is NaN exactly then), so a slow loop on the host.
     */
    private static void firstNaNWins(INDArray windows, INDArray y, INDArray argmax) {
        double[] values = windows.data().asDouble();
        int area = (int) windows.size(1);
        for (int row = 0; row < windows.size(0); row++) {
            for (int offset = 0; offset < area; offset++) {
                if (Double.isNaN(values[row * area + offset])) {
                    y.putScalar(row, Double.NaN);
                    argmax.putScalar(row, offset);
                    break;
                }
            }
        }
    }

    @Override
    public void maxPool2dBackward(Nd4jTensor dy, Nd4jTensor argmax, Window2d window, Nd4jTensor dx) {
        INDArray windows = windows(dy, window);
        ops.run("onehot", new long[] {-1, window.kernelArea()}, new INDArray[] {argmax.flat()},
                new INDArray[] {windows});
        org.nd4j.linalg.factory.Broadcast.mul(windows, dy.flat(), windows, 0);
        col2im(windows, window, channelImages(dx));
    }

    @Override
    public void avgPool2d(Nd4jTensor x, Window2d window, Nd4jTensor y) {
        INDArray windows = poolWindows(x, window);
        INDArray share = scratch.constant(1.0 / window.kernelArea(), windows.dataType(), window.kernelArea(), 1);
        Nd4j.gemm(windows, share, y.flat().reshape('c', y.size(), 1), false, false, 1, 0);
    }

    @Override
    public void avgPool2dBackward(Nd4jTensor dy, Window2d window, Nd4jTensor dx) {
        INDArray windows = windows(dy, window);
        INDArray share = scratch.constant(1.0 / window.kernelArea(), windows.dataType(), 1, window.kernelArea());
        Nd4j.gemm(dy.flat().reshape('c', dy.size(), 1), share, windows, false, false, 1, 0);
        col2im(windows, window, channelImages(dx));
    }

    /** libnd4j {@code im2col} of {@code images} into the SPI-layout matrix {@code columns}. */
    private void im2col(INDArray images, Window2d w, INDArray columns) {
        long[] s = images.shape();
        int oh = w.outputHeight((int) s[2]);
        int ow = w.outputWidth((int) s[3]);
        INDArray nativeView = columns.reshape('c', s[0], oh, ow, s[1], w.kernelHeight(), w.kernelWidth())
                .permute(SPI_TO_NATIVE);
        ops.run("im2col", new long[] {w.kernelHeight(), w.kernelWidth(), w.strideHeight(), w.strideWidth(),
                w.padHeight(), w.padWidth(), 1, 1, 0}, new INDArray[] {images}, new INDArray[] {nativeView});
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

    /** The window matrix {@code [N·C·OH·OW, kh·kw]} of {@code x}, filled by {@code im2col}. */
    private INDArray poolWindows(Nd4jTensor x, Window2d window) {
        INDArray images = channelImages(x);
        INDArray windows = scratch.get(WINDOWS, x.array.dataType(), images.size(0) * window.outputHeight(
                (int) images.size(2)) * window.outputWidth((int) images.size(3)), window.kernelArea());
        im2col(images, window, windows);
        return windows;
    }

    /** A window matrix {@code [N·C·OH·OW, kh·kw]} for the pooled output {@code y}; contents left over. */
    private INDArray windows(Nd4jTensor y, Window2d window) {
        return scratch.get(WINDOWS, y.array.dataType(), y.size(), window.kernelArea());
    }

    private static INDArray images(Nd4jTensor t) {
        var s = t.shape();
        return t.array.reshape('c', s.dim(0), s.dim(1), s.dim(2), s.dim(3));
    }

    /** {@code [N, C, H, W]} as {@code N·C} one-channel images. */
    private static INDArray channelImages(Nd4jTensor t) {
        var s = t.shape();
        return t.array.reshape('c', (long) s.dim(0) * s.dim(1), 1, s.dim(2), s.dim(3));
    }

    /** The channels-last matrix {@code [N·H·W, C]} read as {@code [N, C, H, W]} (a strided view). */
    private static INDArray channelsLastView(INDArray matrix, int n, int c, int h, int w) {
        return matrix.reshape('c', n, h, w, c).permute(CHANNELS_LAST_TO_NCHW);
    }
}
