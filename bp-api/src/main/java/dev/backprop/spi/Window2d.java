package dev.backprop.spi;

import java.io.Serializable;

/**
 * The sliding window of a 2-D convolution or pooling: kernel {@code kh × kw}, stride {@code sh × sw}
 * and zero padding of {@code ph} rows above and below and {@code pw} columns left and right. Output
 * size, as PyTorch computes it (floor mode):
 * <pre>
 * OH = floor((H + 2·ph - kh) / sh) + 1        OW = floor((W + 2·pw - kw) / sw) + 1
 * </pre>
 * Rows and columns that no window reaches (the last {@code (H + 2·ph - kh) mod sh}) are read by no
 * output and get a zero gradient. Immutable.
 *
 * @param kernelHeight {@code kh}, at least 1
 * @param kernelWidth {@code kw}, at least 1
 * @param strideHeight {@code sh}, at least 1
 * @param strideWidth {@code sw}, at least 1
 * @param padHeight {@code ph}, at least 0
 * @param padWidth {@code pw}, at least 0
 */
public record Window2d(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padHeight,
        int padWidth) implements Serializable {

    /** Checks every field. */
    public Window2d {
        if (kernelHeight < 1 || kernelWidth < 1) {
            throw new IllegalArgumentException("a kernel needs at least 1×1, got " + kernelHeight + "×" + kernelWidth);
        }
        if (strideHeight < 1 || strideWidth < 1) {
            throw new IllegalArgumentException("strides must be at least 1, got " + strideHeight + "×" + strideWidth);
        }
        if (padHeight < 0 || padWidth < 0) {
            throw new IllegalArgumentException("padding must not be negative, got " + padHeight + "×" + padWidth);
        }
    }

    /** A square kernel {@code k × k} with stride {@code s} and padding {@code p} in both directions. */
    public static Window2d square(int kernel, int stride, int padding) {
        return new Window2d(kernel, kernel, stride, stride, padding, padding);
    }

    /** Whether there is no padding, as pooling requires. */
    public boolean unpadded() {
        return padHeight == 0 && padWidth == 0;
    }

    /** {@code kh·kw}. */
    public int kernelArea() {
        return kernelHeight * kernelWidth;
    }

    /**
     * {@code OH} for an input of {@code height} rows.
     *
     * @throws IllegalArgumentException if the kernel is taller than the padded input
     */
    public int outputHeight(int height) {
        return outputSize("height", height, kernelHeight, strideHeight, padHeight);
    }

    /**
     * {@code OW} for an input of {@code width} columns.
     *
     * @throws IllegalArgumentException if the kernel is wider than the padded input
     */
    public int outputWidth(int width) {
        return outputSize("width", width, kernelWidth, strideWidth, padWidth);
    }

    /**
     * The output {@code [N, C, OH, OW]} of an input {@code [N, C, H, W]} with the channel count
     * replaced by {@code channels}.
     *
     * @throws IllegalArgumentException if the input is not rank 4 or the kernel does not fit it
     */
    public Shape outputShape(Shape input, int channels) {
        requireImages(input);
        return Shape.of(input.dim(0), channels, outputHeight(input.dim(2)), outputWidth(input.dim(3)));
    }

    /**
     * The shape of the {@code im2col} matrix of an input {@code [N, C, H, W]}:
     * {@code [N·OH·OW, C·kh·kw]}, one row per output position.
     */
    public Shape columnsShape(Shape input) {
        Shape out = outputShape(input, input.dim(1));
        long rows = (long) out.dim(0) * out.dim(2) * out.dim(3);
        long cols = (long) input.dim(1) * kernelArea();
        if (rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the im2col matrix of " + input + " with " + this + " has " + rows
                    + "×" + cols + " elements, more than 2^31; use a smaller batch");
        }
        return Shape.matrix((int) rows, (int) cols);
    }

    /** Throws unless {@code shape} is rank 4 ({@code [N, C, H, W]}). */
    public static void requireImages(Shape shape) {
        if (shape.rank() != 4) {
            throw new IllegalArgumentException("expected images [N x C x H x W], got " + shape);
        }
    }

    private int outputSize(String what, int size, int kernel, int stride, int pad) {
        int padded = size + 2 * pad;
        if (kernel > padded) {
            throw new IllegalArgumentException("kernel " + what + " " + kernel + " exceeds the padded input " + what
                    + " " + size + " + 2·" + pad + " = " + padded);
        }
        return (padded - kernel) / stride + 1;
    }

    /** As {@code kernel 3×3, stride 1×1, padding 1×1}. */
    @Override
    public String toString() {
        return "kernel " + kernelHeight + "×" + kernelWidth + ", stride " + strideHeight + "×" + strideWidth
                + ", padding " + padHeight + "×" + padWidth;
    }
}
