package dev.backprop.spi.support;

import dev.backprop.spi.Shape;
import dev.backprop.spi.Window2d;
import java.util.Arrays;

// GENERATED-HEADER
// template: The single source of the convolution loops of array-backed backends: the float32 generator of
// template: the parent pom.xml derives Float32ArrayConvolution from it (double[] becomes float[], the cast
// template: (double) becomes (float), Float64 becomes Float32). So element arrays are written double[],
// template: element-typed locals are declared var, and stores of computed values cast with (double).

/**
 * The {@link dev.backprop.spi.ConvolutionOps} as loops over row-major {@code double[]} storage: the
 * convolution kernels of backends that keep a tensor in a Java array (the pure backend's arrays, EJML's
 * {@code DMatrixRMaj.data}), one class per element type (the float class is generated from the double
 * one). Each method has the meaning of the SPI method of the same name, with every tensor passed as
 * its array and, where the geometry needs it, the shape of its images. The caller has checked the operands
 * ({@link dev.backprop.spi.ConvolutionChecks}): outputs do not alias inputs, and each array holds at
 * least its tensor's elements (only those are read or written). Outputs are overwritten; inputs are
 * not modified.
 *
 * <p>The loops move whole kernel rows at a time and hoist every bounds test out of the inner loops:
 * the output columns whose windows lie inside the input are copied without tests, only the few at the
 * left and right padding test each element, and rows of padding are filled with zeros. Kernel rows
 * three wide, the common case, are unrolled (measured on the CNN's float32 shapes: im2col 0.5 to
 * 0.76 and col2im 0.54 times the time of the plain loop), and 2×2 max pooling compares its four
 * entries without a loop (0.6 times). Pooling visits each window through row offsets, without a
 * division per element.
 */
@SuppressWarnings("cast") // the (double) casts are the generator's markers; they matter in the float class
public final class Float64ArrayConvolution {

    /** Side of the square tiles the channel permutes transpose: 32 rows of a plane fit in L1 in both types. */
    private static final int TILE = 32;
    /** This thread's recently used geometries, newest first (see {@link #geometry}). */
    private static final ThreadLocal<Geometry[]> RECENT = ThreadLocal.withInitial(() -> new Geometry[8]);

    private Float64ArrayConvolution() {
    }

    /**
     * {@code columns[(n·OH + i)·OW + j][(c·kh + u)·kw + v] = xp[n][c][i·sh + u][j·sw + v]}.
     *
     * @param x the images, not modified
     * @param xs their shape {@code [N, C, H, W]}
     * @param columns {@code [N·OH·OW, C·kh·kw]}, overwritten
     */
    public static void im2col(double[] x, Shape xs, Window2d window, double[] columns) {
        Geometry g = geometry(xs, window);
        for (int n = 0; n < g.images; n++) {
            for (int i = 0; i < g.outHeight; i++) {
                int rowBase = (n * g.outHeight + i) * g.outWidth;
                for (int c = 0; c < g.channels; c++) {
                    for (int u = 0; u < g.kernelHeight; u++) {
                        int h = i * g.strideHeight + u - g.padHeight;
                        int first = rowBase * g.columns + (c * g.kernelHeight + u) * g.kernelWidth;
                        if (h < 0 || h >= g.height) {
                            for (int j = 0; j < g.outWidth; j++) {
                                int to = first + j * g.columns;
                                Arrays.fill(columns, to, to + g.kernelWidth, (double) 0);
                            }
                            continue;
                        }
                        int padded = ((n * g.channels + c) * g.height + h) * g.width - g.padWidth;
                        for (int j = 0; j < g.insideFrom; j++) {
                            unfoldEdge(x, padded, j * g.strideWidth, g, columns, first + j * g.columns);
                        }
                        if (g.kernelWidth == 3) {
                            for (int j = g.insideFrom, from = padded + j * g.strideWidth, to = first + j * g.columns;
                                    j < g.insideTo; j++, from += g.strideWidth, to += g.columns) {
                                columns[to] = x[from];
                                columns[to + 1] = x[from + 1];
                                columns[to + 2] = x[from + 2];
                            }
                        } else {
                            for (int j = g.insideFrom; j < g.insideTo; j++) {
                                int from = padded + j * g.strideWidth;
                                int to = first + j * g.columns;
                                for (int v = 0; v < g.kernelWidth; v++) {
                                    columns[to + v] = x[from + v];
                                }
                            }
                        }
                        for (int j = g.insideTo; j < g.outWidth; j++) {
                            unfoldEdge(x, padded, j * g.strideWidth, g, columns, first + j * g.columns);
                        }
                    }
                }
            }
        }
    }

    /** One kernel row of a window that overlaps the left or right padding. */
    private static void unfoldEdge(double[] x, int padded, int left, Geometry g, double[] columns, int to) {
        for (int v = 0; v < g.kernelWidth; v++) {
            int w = left + v - g.padWidth;
            columns[to + v] = w >= 0 && w < g.width ? x[padded + left + v] : (double) 0;
        }
    }

    /**
     * The adjoint of {@link #im2col}: every entry of {@code columns} added to the input position it was
     * read from (padding positions dropped).
     *
     * @param columns {@code [N·OH·OW, C·kh·kw]}, not modified
     * @param dx the images' gradient, overwritten
     * @param dxs its shape {@code [N, C, H, W]}
     */
    public static void col2im(double[] columns, Window2d window, double[] dx, Shape dxs) {
        Geometry g = geometry(dxs, window);
        Arrays.fill(dx, 0, g.inputSize(), (double) 0);
        for (int n = 0; n < g.images; n++) {
            for (int i = 0; i < g.outHeight; i++) {
                int rowBase = (n * g.outHeight + i) * g.outWidth;
                for (int c = 0; c < g.channels; c++) {
                    for (int u = 0; u < g.kernelHeight; u++) {
                        int h = i * g.strideHeight + u - g.padHeight;
                        if (h < 0 || h >= g.height) {
                            continue;
                        }
                        int first = rowBase * g.columns + (c * g.kernelHeight + u) * g.kernelWidth;
                        int padded = ((n * g.channels + c) * g.height + h) * g.width - g.padWidth;
                        for (int j = 0; j < g.insideFrom; j++) {
                            foldEdge(columns, first + j * g.columns, g, dx, padded, j * g.strideWidth);
                        }
                        if (g.kernelWidth == 3 && g.strideWidth == 1 && g.insideTo > g.insideFrom) {
                            // Position to receives columns[j][0], columns[j-1][1] and columns[j-2][2]: the
                            // last two are carried in registers, one store per position instead of three.
                            int to = padded + g.insideFrom;
                            var next = (double) 0;
                            var afterNext = (double) 0;
                            for (int j = g.insideFrom, from = first + j * g.columns; j < g.insideTo;
                                    j++, to++, from += g.columns) {
                                dx[to] += columns[from] + next;
                                next = columns[from + 1] + afterNext;
                                afterNext = columns[from + 2];
                            }
                            dx[to] += next;
                            dx[to + 1] += afterNext;
                        } else if (g.kernelWidth == 3) {
                            for (int j = g.insideFrom, to = padded + j * g.strideWidth, from = first + j * g.columns;
                                    j < g.insideTo; j++, to += g.strideWidth, from += g.columns) {
                                dx[to] += columns[from];
                                dx[to + 1] += columns[from + 1];
                                dx[to + 2] += columns[from + 2];
                            }
                        } else {
                            for (int j = g.insideFrom; j < g.insideTo; j++) {
                                int to = padded + j * g.strideWidth;
                                int from = first + j * g.columns;
                                for (int v = 0; v < g.kernelWidth; v++) {
                                    dx[to + v] += columns[from + v];
                                }
                            }
                        }
                        for (int j = g.insideTo; j < g.outWidth; j++) {
                            foldEdge(columns, first + j * g.columns, g, dx, padded, j * g.strideWidth);
                        }
                    }
                }
            }
        }
    }

    /** One kernel row of a window that overlaps the left or right padding, added back. */
    private static void foldEdge(double[] columns, int from, Geometry g, double[] dx, int padded, int left) {
        for (int v = 0; v < g.kernelWidth; v++) {
            int w = left + v - g.padWidth;
            if (w >= 0 && w < g.width) {
                dx[padded + left + v] += columns[from + v];
            }
        }
    }

    /**
     * {@code out[(n·H + h)·W + w][c] = x[n][c][h][w]}: each image's {@code C × H·W} plane transposed.
     *
     * @param x the images, not modified
     * @param xs their shape {@code [N, C, H, W]}
     * @param out {@code [N·H·W, C]}, overwritten
     */
    public static void channelsLast(double[] x, Shape xs, double[] out) {
        int channels = xs.dim(1);
        int plane = xs.dim(2) * xs.dim(3);
        for (int n = 0, base = 0; n < xs.dim(0); n++, base += channels * plane) {
            transpose(x, base, channels, plane, out);
        }
    }

    /**
     * The inverse of {@link #channelsLast}: {@code out[n][c][h][w] = x[(n·H + h)·W + w][c]}.
     *
     * @param x {@code [N·H·W, C]}, not modified
     * @param out the images, overwritten
     * @param outShape their shape {@code [N, C, H, W]}
     */
    public static void channelsFirst(double[] x, double[] out, Shape outShape) {
        int channels = outShape.dim(1);
        int plane = outShape.dim(2) * outShape.dim(3);
        for (int n = 0, base = 0; n < outShape.dim(0); n++, base += channels * plane) {
            transpose(x, base, plane, channels, out);
        }
    }

    /**
     * {@link #channelsLast} that also sums each channel over {@code N, H, W}: a convolution's bias
     * gradient read in the same pass, image by image while the image is in cache.
     *
     * @param x the images, not modified
     * @param xs their shape {@code [N, C, H, W]}
     * @param out {@code [N·H·W, C]}, overwritten
     * @param sums {@code [C]}, overwritten with {@code sums[c] = Σ_n Σ_h Σ_w x[n][c][h][w]}
     */
    public static void channelsLast(double[] x, Shape xs, double[] out, double[] sums) {
        int channels = xs.dim(1);
        int plane = xs.dim(2) * xs.dim(3);
        Arrays.fill(sums, 0, channels, (double) 0);
        for (int n = 0, base = 0; n < xs.dim(0); n++, base += channels * plane) {
            transpose(x, base, channels, plane, out);
            for (int c = 0, from = base; c < channels; c++, from += plane) {
                double sum = 0;
                for (int p = from; p < from + plane; p++) {
                    sum += x[p];
                }
                sums[c] = (double) (sums[c] + sum);
            }
        }
    }

    /**
     * {@link #channelsFirst} with a bias per channel added, {@code out[n][c][h][w] = x[(n·H + h)·W + w][c]
     * + bias[c]}: the last two steps of a convolution's forward pass in one.
     *
     * @param x {@code [N·H·W, C]}, not modified
     * @param bias {@code [C]}, not modified
     * @param out the images, overwritten
     * @param outShape their shape {@code [N, C, H, W]}
     */
    public static void channelsFirst(double[] x, double[] bias, double[] out, Shape outShape) {
        int channels = outShape.dim(1);
        int plane = outShape.dim(2) * outShape.dim(3);
        for (int base = 0; base < outShape.dim(0) * channels * plane; base += channels * plane) {
            for (int p0 = 0; p0 < plane; p0 += TILE) {
                int p1 = Math.min(plane, p0 + TILE);
                for (int c0 = 0; c0 < channels; c0 += TILE) {
                    int c1 = Math.min(channels, c0 + TILE);
                    for (int p = p0; p < p1; p++) {
                        int from = base + p * channels;
                        for (int c = c0; c < c1; c++) {
                            out[base + c * plane + p] = x[from + c] + bias[c];
                        }
                    }
                }
            }
        }
    }

    /** {@code out[base + q·rows + p] = x[base + p·cols + q]} for a {@code rows × cols} block, in tiles. */
    private static void transpose(double[] x, int base, int rows, int cols, double[] out) {
        for (int p0 = 0; p0 < rows; p0 += TILE) {
            int p1 = Math.min(rows, p0 + TILE);
            for (int q0 = 0; q0 < cols; q0 += TILE) {
                int q1 = Math.min(cols, q0 + TILE);
                for (int p = p0; p < p1; p++) {
                    int from = base + p * cols;
                    for (int q = q0; q < q1; q++) {
                        out[base + q * rows + p] = x[from + q];
                    }
                }
            }
        }
    }

    /**
     * Max pooling: each window's largest entry (NaN if it holds one) and the offset {@code u·kw + v} of
     * the first entry, in row-major order, that holds it.
     *
     * @param x the images, not modified
     * @param xs their shape {@code [N, C, H, W]}
     * @param window unpadded
     * @param y {@code [N, C, OH, OW]}, overwritten
     * @param argmax as {@code y}, overwritten with window offsets
     */
    public static void maxPool2d(double[] x, Shape xs, Window2d window, double[] y, double[] argmax) {
        Geometry g = geometry(xs, window);
        if (g.kernelHeight == 2 && g.kernelWidth == 2) {
            maxPool2x2(x, g, y, argmax);
            return;
        }
        int out = 0;
        for (int plane = 0; plane < g.images * g.channels; plane++) {
            int planeStart = plane * g.height * g.width;
            for (int i = 0; i < g.outHeight; i++) {
                int rowStart = planeStart + i * g.strideHeight * g.width;
                for (int j = 0; j < g.outWidth; j++, out++) {
                    int start = rowStart + j * g.strideWidth;
                    var best = x[start];
                    int at = 0;
                    // !(value <= best): larger, or NaN; once best is NaN the search stops.
                    search:
                    for (int u = 0, row = start, offset = 0; u < g.kernelHeight && best == best;
                            u++, row += g.width, offset += g.kernelWidth) {
                        for (int v = 0; v < g.kernelWidth; v++) {
                            var value = x[row + v];
                            if (!(value <= best)) {
                                best = value;
                                at = offset + v;
                                if (value != value) {
                                    break search;
                                }
                            }
                        }
                    }
                    y[out] = best;
                    argmax[out] = (double) at;
                }
            }
        }
    }

    /** {@link #maxPool2d} for the common 2×2 window, its four entries compared without a loop. */
    private static void maxPool2x2(double[] x, Geometry g, double[] y, double[] argmax) {
        int out = 0;
        for (int plane = 0; plane < g.images * g.channels; plane++) {
            int planeStart = plane * g.height * g.width;
            for (int i = 0; i < g.outHeight; i++) {
                for (int j = 0, start = planeStart + i * g.strideHeight * g.width; j < g.outWidth;
                        j++, out++, start += g.strideWidth) {
                    var best = x[start];
                    int at = 0;
                    var right = x[start + 1];
                    if (!(right <= best) && best == best) {
                        best = right;
                        at = 1;
                    }
                    var below = x[start + g.width];
                    if (!(below <= best) && best == best) {
                        best = below;
                        at = 2;
                    }
                    var diagonal = x[start + g.width + 1];
                    if (!(diagonal <= best) && best == best) {
                        best = diagonal;
                        at = 3;
                    }
                    y[out] = best;
                    argmax[out] = (double) at;
                }
            }
        }
    }

    /**
     * Backward pass of {@link #maxPool2d}: each {@code dy} added to the input entry its {@code argmax}
     * names; every other entry of {@code dx} is 0.
     *
     * @param dy {@code [N, C, OH, OW]}, not modified
     * @param argmax as {@link #maxPool2d} left it, not modified
     * @param window unpadded
     * @param dx the images' gradient, overwritten
     * @param dxs its shape {@code [N, C, H, W]}
     */
    public static void maxPool2dBackward(double[] dy, double[] argmax, Window2d window, double[] dx, Shape dxs) {
        Geometry g = geometry(dxs, window);
        Arrays.fill(dx, 0, g.inputSize(), (double) 0);
        int out = 0;
        for (int plane = 0; plane < g.images * g.channels; plane++) {
            int planeStart = plane * g.height * g.width;
            for (int i = 0; i < g.outHeight; i++) {
                int rowStart = planeStart + i * g.strideHeight * g.width;
                for (int j = 0; j < g.outWidth; j++, out++) {
                    int offset = (int) argmax[out];
                    int row = rowStart + j * g.strideWidth;
                    while (offset >= g.kernelWidth) {
                        offset -= g.kernelWidth;
                        row += g.width;
                    }
                    dx[row + offset] += dy[out];
                }
            }
        }
    }

    /**
     * Average pooling: each window's mean.
     *
     * @param x the images, not modified
     * @param xs their shape {@code [N, C, H, W]}
     * @param window unpadded
     * @param y {@code [N, C, OH, OW]}, overwritten
     */
    public static void avgPool2d(double[] x, Shape xs, Window2d window, double[] y) {
        Geometry g = geometry(xs, window);
        double scale = 1.0 / window.kernelArea();
        int out = 0;
        for (int plane = 0; plane < g.images * g.channels; plane++) {
            int planeStart = plane * g.height * g.width;
            for (int i = 0; i < g.outHeight; i++) {
                int rowStart = planeStart + i * g.strideHeight * g.width;
                for (int j = 0; j < g.outWidth; j++, out++) {
                    var sum = (double) 0;
                    for (int u = 0, row = rowStart + j * g.strideWidth; u < g.kernelHeight; u++, row += g.width) {
                        for (int v = 0; v < g.kernelWidth; v++) {
                            sum += x[row + v];
                        }
                    }
                    y[out] = (double) (sum * scale);
                }
            }
        }
    }

    /**
     * Backward pass of {@link #avgPool2d}: each {@code dy / (kh·kw)} added to every entry of its window;
     * entries no window reaches are 0.
     *
     * @param dy {@code [N, C, OH, OW]}, not modified
     * @param window unpadded
     * @param dx the images' gradient, overwritten
     * @param dxs its shape {@code [N, C, H, W]}
     */
    public static void avgPool2dBackward(double[] dy, Window2d window, double[] dx, Shape dxs) {
        Geometry g = geometry(dxs, window);
        Arrays.fill(dx, 0, g.inputSize(), (double) 0);
        double scale = 1.0 / window.kernelArea();
        int out = 0;
        for (int plane = 0; plane < g.images * g.channels; plane++) {
            int planeStart = plane * g.height * g.width;
            for (int i = 0; i < g.outHeight; i++) {
                int rowStart = planeStart + i * g.strideHeight * g.width;
                for (int j = 0; j < g.outWidth; j++, out++) {
                    var share = (double) (dy[out] * scale);
                    for (int u = 0, row = rowStart + j * g.strideWidth; u < g.kernelHeight; u++, row += g.width) {
                        for (int v = 0; v < g.kernelWidth; v++) {
                            dx[row + v] += share;
                        }
                    }
                }
            }
        }
    }

    /**
     * The geometry of {@code xs} and {@code window}, from this thread's recent ones when the same shape and
     * window objects come again: the layers keep theirs, so a training step makes none.
     */
    private static Geometry geometry(Shape xs, Window2d window) {
        Geometry[] recent = RECENT.get();
        for (Geometry g : recent) {
            if (g != null && g.shape == xs && g.window == window) {
                return g;
            }
        }
        Geometry g = new Geometry(xs, window);
        System.arraycopy(recent, 0, recent, 1, recent.length - 1);
        recent[0] = g;
        return g;
    }

    /**
     * An input {@code [N, C, H, W]} and its window, with the output size and the range
     * {@code [insideFrom, insideTo)} of output columns whose windows touch no left or right padding.
     */
    private static final class Geometry {
        final Shape shape;
        final Window2d window;
        final int images;
        final int channels;
        final int height;
        final int width;
        final int kernelHeight;
        final int kernelWidth;
        final int strideHeight;
        final int strideWidth;
        final int padHeight;
        final int padWidth;
        final int outHeight;
        final int outWidth;
        /** Entries in one row of the im2col matrix, {@code C·kh·kw}. */
        final int columns;
        final int insideFrom;
        final int insideTo;

        Geometry(Shape xs, Window2d window) {
            shape = xs;
            this.window = window;
            images = xs.dim(0);
            channels = xs.dim(1);
            height = xs.dim(2);
            width = xs.dim(3);
            kernelHeight = window.kernelHeight();
            kernelWidth = window.kernelWidth();
            strideHeight = window.strideHeight();
            strideWidth = window.strideWidth();
            padHeight = window.padHeight();
            padWidth = window.padWidth();
            outHeight = window.outputHeight(height);
            outWidth = window.outputWidth(width);
            columns = channels * kernelHeight * kernelWidth;
            // j·sw - pw >= 0 from ceil(pw / sw) on; j·sw - pw + kw <= W up to floor((W + pw - kw) / sw).
            insideFrom = Math.min(outWidth, (padWidth + strideWidth - 1) / strideWidth);
            int lastLeft = width + padWidth - kernelWidth;
            int end = lastLeft < 0 ? 0 : Math.min(outWidth, lastLeft / strideWidth + 1);
            insideTo = Math.max(insideFrom, end);
        }

        int inputSize() {
            return images * channels * height * width;
        }
    }
}
