package dev.backprop.backend.nd4j;

import dev.backprop.spi.Window2d;
import java.util.stream.IntStream;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The window ops that libnd4j has no fast native form of, as loops over host memory in the order
 * that writes each output once and in sequence: {@code im2col} row by row (libnd4j's {@code im2col}
 * walks the columns in its own layout, which in the SPI's layout is a stride-{@code C·kh·kw} scatter,
 * several times slower), max pooling with the window offset of the first maximum (libnd4j's pooling
 * ops record no offsets, and its max skips NaN), average pooling, and both backward passes as one
 * scatter each. Arrays are {@code [N, C, H, W]} images and their outputs, contiguous and row-major.
 * Each loop reads its operands before writing its output; outputs may not alias inputs (the SPI's
 * checks reject that).
 */
final class WindowLoops {

    /** Below this many elements a loop runs on the calling thread alone. */
    static final int PARALLEL_THRESHOLD = 1 << 16;

    private WindowLoops() {
    }

    /** A loop over items {@code [from, to)} of the outermost dimension. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, count)} split into as many contiguous ranges as ND4J has threads
     * ({@code Environment.maxThreads}), on the common fork-join pool and the calling thread; on the calling
     * thread alone when there is one thread, one item, or less than {@link #PARALLEL_THRESHOLD} elements
     * of {@code work}. The ranges write disjoint parts of the output.
     */
    static void parallel(int count, long work, Range body) {
        int parts = Math.min(count, Nd4j.getEnvironment().maxThreads());
        if (parts <= 1 || work < PARALLEL_THRESHOLD) {
            body.run(0, count);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(part -> body.run(
                (int) ((long) count * part / parts), (int) ((long) count * (part + 1) / parts)));
    }

    /** {@code columns[(n·OH + i)·OW + j][(c·kh + u)·kw + v] = xp[n][c][i·sh + u][j·sw + v]}. */
    static void im2col(HostElements x, int n, int c, int h, int w, Window2d window, HostElements columns) {
        int work = n * c * window.kernelArea() * window.outputHeight(h) * window.outputWidth(w);
        parallel(n, work, (from, to) -> im2col(x, from, to, c, h, w, window, columns));
    }

    private static void im2col(HostElements x, int from, int to, int c, int h, int w, Window2d window,
            HostElements columns) {
        int kh = window.kernelHeight();
        int kw = window.kernelWidth();
        int oh = window.outputHeight(h);
        int ow = window.outputWidth(w);
        int out = from * oh * ow * c * kh * kw;
        for (int b = from; b < to; b++) {
            for (int i = 0; i < oh; i++) {
                int top = i * window.strideHeight() - window.padHeight();
                for (int j = 0; j < ow; j++) {
                    int left = j * window.strideWidth() - window.padWidth();
                    boolean inside = top >= 0 && top + kh <= h && left >= 0 && left + kw <= w;
                    for (int ch = 0; ch < c; ch++) {
                        int plane = (b * c + ch) * h;
                        if (inside) {
                            for (int u = 0; u < kh; u++) {
                                int base = (plane + top + u) * w + left;
                                for (int v = 0; v < kw; v++) {
                                    columns.set(out++, x.get(base + v));
                                }
                            }
                            continue;
                        }
                        for (int u = 0; u < kh; u++) {
                            int row = top + u;
                            if (row < 0 || row >= h) {
                                columns.clear(out, out + kw);
                                out += kw;
                                continue;
                            }
                            int base = (plane + row) * w;
                            for (int v = 0; v < kw; v++) {
                                int col = left + v;
                                columns.set(out++, col >= 0 && col < w ? x.get(base + col) : 0);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Max pooling over {@code planes = N·C} images: {@code y} the window maxima, {@code argmax} the offset
     * {@code u·kw + v} of the first maximum, or of the first NaN if the window holds one.
     */
    static void maxPool(HostElements x, int planes, int h, int w, Window2d window, HostElements y,
            HostElements argmax) {
        parallel(planes, planes * h * w, (from, to) -> maxPool(x, from, to, h, w, window, y, argmax));
    }

    private static void maxPool(HostElements x, int from, int to, int h, int w, Window2d window, HostElements y,
            HostElements argmax) {
        int kh = window.kernelHeight();
        int kw = window.kernelWidth();
        int oh = window.outputHeight(h);
        int ow = window.outputWidth(w);
        int out = from * oh * ow;
        for (int p = from; p < to; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int origin = (p * h + i * window.strideHeight()) * w + j * window.strideWidth();
                    double best = x.get(origin);
                    int at = 0;
                    for (int u = 0; u < kh && best == best; u++) {
                        for (int v = 0; v < kw; v++) {
                            double value = x.get(origin + u * w + v);
                            if (value > best || value != value) {
                                best = value;
                                at = u * kw + v;
                                if (value != value) {
                                    break;
                                }
                            }
                        }
                    }
                    y.set(out, best);
                    argmax.set(out++, at);
                }
            }
        }
    }

    /** {@code dx} zero except each {@code dy} added at its window's recorded offset. */
    static void maxPoolBackward(HostElements dy, HostElements argmax, int planes, int h, int w, Window2d window,
            HostElements dx) {
        parallel(planes, planes * h * w, (from, to) -> maxPoolBackward(dy, argmax, from, to, h, w, window, dx));
    }

    private static void maxPoolBackward(HostElements dy, HostElements argmax, int from, int to, int h, int w,
            Window2d window, HostElements dx) {
        int kw = window.kernelWidth();
        int oh = window.outputHeight(h);
        int ow = window.outputWidth(w);
        dx.clear(from * h * w, to * h * w);
        int out = from * oh * ow;
        for (int p = from; p < to; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int offset = (int) argmax.get(out);
                    int at = (p * h + i * window.strideHeight() + offset / kw) * w + j * window.strideWidth()
                            + offset % kw;
                    dx.set(at, dx.get(at) + dy.get(out++));
                }
            }
        }
    }

    /** Window sums divided by {@code kh·kw}. */
    static void avgPool(HostElements x, int planes, int h, int w, Window2d window, HostElements y) {
        parallel(planes, planes * h * w, (from, to) -> avgPool(x, from, to, h, w, window, y));
    }

    private static void avgPool(HostElements x, int from, int to, int h, int w, Window2d window, HostElements y) {
        int kh = window.kernelHeight();
        int kw = window.kernelWidth();
        int oh = window.outputHeight(h);
        int ow = window.outputWidth(w);
        int out = from * oh * ow;
        for (int p = from; p < to; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int origin = (p * h + i * window.strideHeight()) * w + j * window.strideWidth();
                    double sum = 0;
                    for (int u = 0; u < kh; u++) {
                        for (int v = 0; v < kw; v++) {
                            sum += x.get(origin + u * w + v);
                        }
                    }
                    y.set(out++, sum / window.kernelArea());
                }
            }
        }
    }

    /** {@code dx} zero except each {@code dy / (kh·kw)} added to every entry of its window. */
    static void avgPoolBackward(HostElements dy, int planes, int h, int w, Window2d window, HostElements dx) {
        parallel(planes, planes * h * w, (from, to) -> avgPoolBackward(dy, from, to, h, w, window, dx));
    }

    private static void avgPoolBackward(HostElements dy, int from, int to, int h, int w, Window2d window,
            HostElements dx) {
        int kh = window.kernelHeight();
        int kw = window.kernelWidth();
        int oh = window.outputHeight(h);
        int ow = window.outputWidth(w);
        dx.clear(from * h * w, to * h * w);
        int out = from * oh * ow;
        for (int p = from; p < to; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int origin = (p * h + i * window.strideHeight()) * w + j * window.strideWidth();
                    double share = dy.get(out++) / window.kernelArea();
                    for (int u = 0; u < kh; u++) {
                        for (int v = 0; v < kw; v++) {
                            int at = origin + u * w + v;
                            dx.set(at, dx.get(at) + share);
                        }
                    }
                }
            }
        }
    }
}
