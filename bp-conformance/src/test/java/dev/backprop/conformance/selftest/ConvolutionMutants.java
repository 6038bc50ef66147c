package dev.backprop.conformance.selftest;

import dev.backprop.conformance.BackendConformance;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BackendProvider;
import dev.backprop.spi.ConvolutionChecks;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;

/**
 * Convolution backends with one fault each, the kinds a hand-written loop gets wrong: overlapping
 * windows written instead of added, the last of tied maxima, a forgotten division, height and width
 * swapped. {@link KitCatchesMutantsTest} requires the named check to fail each.
 */
final class ConvolutionMutants {

    private ConvolutionMutants() {
    }

    /** col2im that writes each window's entries instead of adding them: wrong wherever windows overlap. */
    static final class Col2imOverwrites extends ForwardingBackend {
        Col2imOverwrites(Backend delegate) {
            super(delegate);
        }

        @Override
        public void col2im(Tensor columns, Window2d w, Tensor dx) {
            ConvolutionChecks.col2im(columns, w, dx);
            Shape s = dx.shape();
            int c = s.dim(1);
            int h = s.dim(2);
            int wd = s.dim(3);
            int oh = w.outputHeight(h);
            int ow = w.outputWidth(wd);
            double[] cols = delegate.toArray(columns);
            double[] out = new double[(int) dx.size()];
            int width = c * w.kernelArea();
            for (int n = 0; n < s.dim(0); n++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        for (int ch = 0; ch < c; ch++) {
                            for (int u = 0; u < w.kernelHeight(); u++) {
                                for (int v = 0; v < w.kernelWidth(); v++) {
                                    int r = i * w.strideHeight() + u - w.padHeight();
                                    int k = j * w.strideWidth() + v - w.padWidth();
                                    if (r >= 0 && r < h && k >= 0 && k < wd) {
                                        out[((n * c + ch) * h + r) * wd + k] = cols[((n * oh + i) * ow + j) * width
                                                + (ch * w.kernelHeight() + u) * w.kernelWidth() + v];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            delegate.upload(out, 0, dx);
        }
    }

    /** Max pooling that records the last of tied maxima. */
    static final class MaxPoolLastTie extends ForwardingBackend {
        MaxPoolLastTie(Backend delegate) {
            super(delegate);
        }

        @Override
        public void maxPool2d(Tensor x, Window2d w, Tensor y, Tensor argmax) {
            delegate.maxPool2d(x, w, y, argmax);
            Shape s = x.shape();
            double[] in = delegate.toArray(x);
            double[] best = delegate.toArray(y);
            double[] at = delegate.toArray(argmax);
            int oh = w.outputHeight(s.dim(2));
            int ow = w.outputWidth(s.dim(3));
            for (int o = 0; o < best.length; o++) {
                int plane = o / (oh * ow);
                int i = o % (oh * ow) / ow;
                int j = o % ow;
                for (int u = 0; u < w.kernelHeight(); u++) {
                    for (int v = 0; v < w.kernelWidth(); v++) {
                        double value = in[(plane * s.dim(2) + i * w.strideHeight() + u) * s.dim(3) + j * w.strideWidth()
                                + v];
                        if (value == best[o]) {
                            at[o] = u * w.kernelWidth() + v;
                        }
                    }
                }
            }
            delegate.upload(at, 0, argmax);
        }
    }

    /** Average pooling's backward pass without the division by the window's area. */
    static final class AvgPoolBackwardUndivided extends ForwardingBackend {
        AvgPoolBackwardUndivided(Backend delegate) {
            super(delegate);
        }

        @Override
        public void avgPool2dBackward(Tensor dy, Window2d w, Tensor dx) {
            delegate.avgPool2dBackward(dy, w, dx);
            delegate.affine(dx, w.kernelArea(), 0, dx);
        }
    }

    /** channelsFirst that walks the positions column-major: right only when an image is square or a line. */
    static final class ChannelsFirstSwapsHeightAndWidth extends ForwardingBackend {
        ChannelsFirstSwapsHeightAndWidth(Backend delegate) {
            super(delegate);
        }

        @Override
        public void channelsFirst(Tensor x, Tensor out) {
            ConvolutionChecks.channelsFirst(x, out);
            Shape s = out.shape();
            int c = s.dim(1);
            int h = s.dim(2);
            int w = s.dim(3);
            double[] in = delegate.toArray(x);
            double[] result = new double[in.length];
            for (int n = 0; n < s.dim(0); n++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int r = 0; r < h; r++) {
                        for (int k = 0; k < w; k++) {
                            int swapped = k * h + r;
                            result[((n * c + ch) * h + r) * w + k] = in[(n * h * w + swapped) * c + ch];
                        }
                    }
                }
            }
            delegate.upload(result, 0, out);
        }
    }

    static BackendProvider provider(java.util.function.Function<Backend, Backend> mutation) {
        return Mutants.provider(mutation);
    }

    static final class Col2imOverwritesMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return ConvolutionMutants.provider(Col2imOverwrites::new);
        }
    }

    static final class MaxPoolLastTieMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return ConvolutionMutants.provider(MaxPoolLastTie::new);
        }
    }

    static final class AvgPoolBackwardUndividedMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return ConvolutionMutants.provider(AvgPoolBackwardUndivided::new);
        }
    }

    static final class ChannelsFirstSwapsHeightAndWidthMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return ConvolutionMutants.provider(ChannelsFirstSwapsHeightAndWidth::new);
        }
    }
}
