package dev.backprop.conformance.reference;

import dev.backprop.spi.Shape;
import dev.backprop.spi.Window2d;

/**
 * The convolution ops of {@link dev.backprop.spi.ConvolutionOps} as the plainest loops over
 * {@code double[]} in NCHW order, each a transcription of its definition: what the kit compares every
 * backend with. {@link #conv2d} and {@link #conv2dBackward} are written directly from the sums of
 * the definition, without {@code im2col}, so they check the composition too. Every method returns a
 * new array; no input is modified.
 */
public final class ConvolutionReference {

    private ConvolutionReference() {
    }

    /** {@code columns[(n·OH + i)·OW + j][(c·kh + u)·kw + v] = xp[n][c][i·sh + u][j·sw + v]}. */
    public static double[] im2col(double[] x, Shape xs, Window2d w) {
        Geometry g = new Geometry(xs, w);
        double[] columns = new double[g.n * g.oh * g.ow * g.c * w.kernelArea()];
        int width = g.c * w.kernelArea();
        for (int n = 0; n < g.n; n++) {
            for (int i = 0; i < g.oh; i++) {
                for (int j = 0; j < g.ow; j++) {
                    int row = (n * g.oh + i) * g.ow + j;
                    for (int c = 0; c < g.c; c++) {
                        for (int u = 0; u < w.kernelHeight(); u++) {
                            for (int v = 0; v < w.kernelWidth(); v++) {
                                int col = (c * w.kernelHeight() + u) * w.kernelWidth() + v;
                                columns[row * width + col] = g.padded(x, n, c, i * w.strideHeight() + u,
                                        j * w.strideWidth() + v);
                            }
                        }
                    }
                }
            }
        }
        return columns;
    }

    /** The adjoint of {@link #im2col}: every column entry added to the input position it was read from. */
    public static double[] col2im(double[] columns, Shape xs, Window2d w) {
        Geometry g = new Geometry(xs, w);
        double[] dx = new double[(int) xs.size()];
        int width = g.c * w.kernelArea();
        for (int n = 0; n < g.n; n++) {
            for (int i = 0; i < g.oh; i++) {
                for (int j = 0; j < g.ow; j++) {
                    int row = (n * g.oh + i) * g.ow + j;
                    for (int c = 0; c < g.c; c++) {
                        for (int u = 0; u < w.kernelHeight(); u++) {
                            for (int v = 0; v < w.kernelWidth(); v++) {
                                int h = i * w.strideHeight() + u - w.padHeight();
                                int x = j * w.strideWidth() + v - w.padWidth();
                                if (h >= 0 && h < g.h && x >= 0 && x < g.w) {
                                    int col = (c * w.kernelHeight() + u) * w.kernelWidth() + v;
                                    dx[g.index(n, c, h, x)] += columns[row * width + col];
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** {@code out[(n·H + h)·W + w][c] = x[n][c][h][w]}. */
    public static double[] channelsLast(double[] x, Shape xs) {
        int n = xs.dim(0);
        int c = xs.dim(1);
        int s = xs.dim(2) * xs.dim(3);
        double[] out = new double[x.length];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < s; p++) {
                    out[(b * s + p) * c + ch] = x[(b * c + ch) * s + p];
                }
            }
        }
        return out;
    }

    /** The inverse of {@link #channelsLast}, for {@code out} of shape {@code outShape}. */
    public static double[] channelsFirst(double[] x, Shape outShape) {
        int n = outShape.dim(0);
        int c = outShape.dim(1);
        int s = outShape.dim(2) * outShape.dim(3);
        double[] out = new double[x.length];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < s; p++) {
                    out[(b * c + ch) * s + p] = x[(b * s + p) * c + ch];
                }
            }
        }
        return out;
    }

    /**
     * Max pooling: element 0 the pooled values, element 1 the window offset {@code u·kw + v} of each
     * window's first maximum (NaN wins).
     */
    public static double[][] maxPool2d(double[] x, Shape xs, Window2d w) {
        Geometry g = new Geometry(xs, w);
        double[] y = new double[g.n * g.c * g.oh * g.ow];
        double[] argmax = new double[y.length];
        for (int n = 0; n < g.n; n++) {
            for (int c = 0; c < g.c; c++) {
                for (int i = 0; i < g.oh; i++) {
                    for (int j = 0; j < g.ow; j++) {
                        double best = Double.NEGATIVE_INFINITY;
                        int at = -1;
                        for (int u = 0; u < w.kernelHeight() && !Double.isNaN(best); u++) {
                            for (int v = 0; v < w.kernelWidth(); v++) {
                                double value = x[g.index(n, c, i * w.strideHeight() + u, j * w.strideWidth() + v)];
                                if (at < 0 || value > best || Double.isNaN(value)) {
                                    best = value;
                                    at = u * w.kernelWidth() + v;
                                    if (Double.isNaN(value)) {
                                        break;
                                    }
                                }
                            }
                        }
                        int out = ((n * g.c + c) * g.oh + i) * g.ow + j;
                        y[out] = best;
                        argmax[out] = at;
                    }
                }
            }
        }
        return new double[][] {y, argmax};
    }

    /** Each {@code dy} added to its window's recorded maximum; {@code xs} is the input's shape. */
    public static double[] maxPool2dBackward(double[] dy, double[] argmax, Shape xs, Window2d w) {
        Geometry g = new Geometry(xs, w);
        double[] dx = new double[(int) xs.size()];
        for (int n = 0; n < g.n; n++) {
            for (int c = 0; c < g.c; c++) {
                for (int i = 0; i < g.oh; i++) {
                    for (int j = 0; j < g.ow; j++) {
                        int out = ((n * g.c + c) * g.oh + i) * g.ow + j;
                        int offset = (int) argmax[out];
                        int u = offset / w.kernelWidth();
                        int v = offset % w.kernelWidth();
                        dx[g.index(n, c, i * w.strideHeight() + u, j * w.strideWidth() + v)] += dy[out];
                    }
                }
            }
        }
        return dx;
    }

    /** Average pooling. */
    public static double[] avgPool2d(double[] x, Shape xs, Window2d w) {
        Geometry g = new Geometry(xs, w);
        double[] y = new double[g.n * g.c * g.oh * g.ow];
        for (int n = 0; n < g.n; n++) {
            for (int c = 0; c < g.c; c++) {
                for (int i = 0; i < g.oh; i++) {
                    for (int j = 0; j < g.ow; j++) {
                        double sum = 0;
                        for (int u = 0; u < w.kernelHeight(); u++) {
                            for (int v = 0; v < w.kernelWidth(); v++) {
                                sum += x[g.index(n, c, i * w.strideHeight() + u, j * w.strideWidth() + v)];
                            }
                        }
                        y[((n * g.c + c) * g.oh + i) * g.ow + j] = sum / w.kernelArea();
                    }
                }
            }
        }
        return y;
    }

    /** Each {@code dy / (kh·kw)} added to every entry of its window; {@code xs} is the input's shape. */
    public static double[] avgPool2dBackward(double[] dy, Shape xs, Window2d w) {
        Geometry g = new Geometry(xs, w);
        double[] dx = new double[(int) xs.size()];
        for (int n = 0; n < g.n; n++) {
            for (int c = 0; c < g.c; c++) {
                for (int i = 0; i < g.oh; i++) {
                    for (int j = 0; j < g.ow; j++) {
                        double share = dy[((n * g.c + c) * g.oh + i) * g.ow + j] / w.kernelArea();
                        for (int u = 0; u < w.kernelHeight(); u++) {
                            for (int v = 0; v < w.kernelWidth(); v++) {
                                dx[g.index(n, c, i * w.strideHeight() + u, j * w.strideWidth() + v)] += share;
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** {@code y[n][o][i][j] = b[o] + Σ_c Σ_u Σ_v W[o][c][u][v] · xp[n][c][i·sh + u][j·sw + v]}. */
    public static double[] conv2d(double[] x, Shape xs, double[] weights, int outChannels, double[] bias, Window2d w) {
        Geometry g = new Geometry(xs, w);
        double[] y = new double[g.n * outChannels * g.oh * g.ow];
        for (int n = 0; n < g.n; n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int i = 0; i < g.oh; i++) {
                    for (int j = 0; j < g.ow; j++) {
                        double sum = bias[o];
                        for (int c = 0; c < g.c; c++) {
                            for (int u = 0; u < w.kernelHeight(); u++) {
                                for (int v = 0; v < w.kernelWidth(); v++) {
                                    sum += weights[((o * g.c + c) * w.kernelHeight() + u) * w.kernelWidth() + v]
                                            * g.padded(x, n, c, i * w.strideHeight() + u, j * w.strideWidth() + v);
                                }
                            }
                        }
                        y[((n * outChannels + o) * g.oh + i) * g.ow + j] = sum;
                    }
                }
            }
        }
        return y;
    }

    /**
     * The gradients of {@link #conv2d} for {@code dy = dL/dy}: element 0 {@code dW}, element 1
     * {@code db}, element 2 {@code dx}, each from its sum in {@link dev.backprop.spi.ConvolutionOps#conv2dBackward}.
     */
    public static double[][] conv2dBackward(double[] x, Shape xs, double[] weights, int outChannels, double[] dy,
            Window2d w) {
        Geometry g = new Geometry(xs, w);
        double[] dW = new double[weights.length];
        double[] db = new double[outChannels];
        double[] dx = new double[x.length];
        for (int n = 0; n < g.n; n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int i = 0; i < g.oh; i++) {
                    for (int j = 0; j < g.ow; j++) {
                        double d = dy[((n * outChannels + o) * g.oh + i) * g.ow + j];
                        db[o] += d;
                        for (int c = 0; c < g.c; c++) {
                            for (int u = 0; u < w.kernelHeight(); u++) {
                                for (int v = 0; v < w.kernelWidth(); v++) {
                                    int h = i * w.strideHeight() + u - w.padHeight();
                                    int col = j * w.strideWidth() + v - w.padWidth();
                                    if (h >= 0 && h < g.h && col >= 0 && col < g.w) {
                                        int wi = ((o * g.c + c) * w.kernelHeight() + u) * w.kernelWidth() + v;
                                        dW[wi] += d * x[g.index(n, c, h, col)];
                                        dx[g.index(n, c, h, col)] += d * weights[wi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {dW, db, dx};
    }

    /** The dimensions of an input and its window's output. */
    private static final class Geometry {
        final int n;
        final int c;
        final int h;
        final int w;
        final int oh;
        final int ow;
        final Window2d window;

        Geometry(Shape xs, Window2d window) {
            Window2d.requireImages(xs);
            n = xs.dim(0);
            c = xs.dim(1);
            h = xs.dim(2);
            w = xs.dim(3);
            oh = window.outputHeight(h);
            ow = window.outputWidth(w);
            this.window = window;
        }

        int index(int b, int ch, int row, int col) {
            return ((b * c + ch) * h + row) * w + col;
        }

        /** {@code xp[b][ch][row][col]}: the input at padded coordinates, 0 in the padding. */
        double padded(double[] x, int b, int ch, int row, int col) {
            int r = row - window.padHeight();
            int k = col - window.padWidth();
            return r >= 0 && r < h && k >= 0 && k < w ? x[index(b, ch, r, k)] : 0;
        }
    }
}
