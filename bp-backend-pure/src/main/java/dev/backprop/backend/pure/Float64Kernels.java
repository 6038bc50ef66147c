package dev.backprop.backend.pure;

import dev.backprop.backend.pure.gemm.GemmProvider;
import dev.backprop.spi.AdamStep;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.DType;
import dev.backprop.spi.RequiredOps;
import dev.backprop.spi.UnaryOp;
import dev.backprop.spi.Window2d;
import dev.backprop.spi.support.ConvolutionKernels;
import dev.backprop.spi.support.Float64ArrayConvolution;

// GENERATED-HEADER
// template: The single source of the pure backend's arithmetic: the float32 generator of the parent
// template: pom.xml derives Float32Kernels from it (element arrays double[] become float[], casts
// template: (double) become (float)). So element arrays are written double[], every store into one casts
// template: with (double), and element-typed locals are declared var: they are float in float32. GEMM
// template: accumulates in the element type on every path (the row-major update of c and the dot
// template: products of the transposed-b path alike), as sgemm in ND4J's OpenBLAS and EJML's FDRM
// template: do, so the three backends' float32 products differ only by summation order. Locals declared
// template: double (the reductions' sums, log-sum-exp, the loss) accumulate in double in both precisions.

/**
 * Kernels of the pure backend on {@code double[]} storage: plain loops that read as the definition
 * of each op. GEMM is the packed, blocked kernel of {@link GemmProvider}.
 */
@SuppressWarnings("cast") // the (double) store casts are the generator's markers; they matter in Float32Kernels
final class Float64Kernels extends PureKernels implements ConvolutionKernels<PureTensor> {

    static final Float64Kernels INSTANCE = new Float64Kernels();

    private Float64Kernels() {
        super(DType.FLOAT64);
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, PureTensor at, PureTensor bt, double beta,
            PureTensor ct) {
        int k = transposeA ? at.rows() : at.cols();
        GemmProvider.get().gemm(transposeA, transposeB, ct.rows(), ct.cols(), k, alpha, (double[]) at.data,
                (double[]) bt.data, beta, (double[]) ct.data);
    }

    @Override
    public void unary(UnaryOp op, PureTensor xt, PureTensor outt) {
        double[] x = (double[]) xt.data;
        double[] out = (double[]) outt.data;
        int n = outt.length();
        switch (op) {
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (double) Math.exp(x[i]);
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (double) Math.log(x[i]);
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (double) Math.sqrt(x[i]);
                }
            }
            case SQUARE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] * x[i];
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.abs(x[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (double) sigmoid(x[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (double) Math.tanh(x[i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    var v = x[i];
                    out[i] = v > 0 || v != v ? v : 0; // max(v, 0) with NaN kept, in the element type (no widening)
                }
            }
            case STEP -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] > 0 ? 1 : 0;
                }
            }
        }
    }

    private static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    @Override
    public void binary(BinaryOp op, PureTensor at, PureTensor bt, Broadcast broadcast, PureTensor outt) {
        double[] a = (double[]) at.data;
        double[] b = (double[]) bt.data;
        double[] out = (double[]) outt.data;
        int rows = at.rows();
        int cols = at.cols();
        if (broadcast == Broadcast.CHANNEL) {
            int inner = at.shape().sizeFrom(2);
            int channels = cols / inner;
            for (int segment = 0; segment < rows * channels; segment++) {
                binarySpan(op, a, segment * inner, b, segment % channels, 0, out, inner);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            switch (broadcast) {
                case SAME -> binarySpan(op, a, row, b, row, 1, out, cols);
                case ROW -> binarySpan(op, a, row, b, 0, 1, out, cols);
                default -> binarySpan(op, a, row, b, r, 0, out, cols);
            }
        }
    }

    /** {@code out[from + j] = op(a[from + j], b[bStart + j * bStep])} for {@code j < n}. */
    private static void binarySpan(BinaryOp op, double[] a, int from, double[] b, int bStart, int bStep,
            double[] out, int n) {
        switch (op) {
            case ADD -> {
                for (int j = 0; j < n; j++) {
                    out[from + j] = a[from + j] + b[bStart + j * bStep];
                }
            }
            case SUB -> {
                for (int j = 0; j < n; j++) {
                    out[from + j] = a[from + j] - b[bStart + j * bStep];
                }
            }
            case MUL -> {
                for (int j = 0; j < n; j++) {
                    out[from + j] = a[from + j] * b[bStart + j * bStep];
                }
            }
            case DIV -> {
                for (int j = 0; j < n; j++) {
                    out[from + j] = a[from + j] / b[bStart + j * bStep];
                }
            }
            case MAX -> {
                for (int j = 0; j < n; j++) {
                    out[from + j] = Math.max(a[from + j], b[bStart + j * bStep]);
                }
            }
            case MIN -> {
                for (int j = 0; j < n; j++) {
                    out[from + j] = Math.min(a[from + j], b[bStart + j * bStep]);
                }
            }
        }
    }

    @Override
    public void linear(double alpha, PureTensor at, double beta, PureTensor bt, PureTensor outt) {
        double[] a = (double[]) at.data;
        double[] b = (double[]) bt.data;
        double[] out = (double[]) outt.data;
        int n = outt.length();
        for (int i = 0; i < n; i++) {
            out[i] = (double) (alpha * a[i] + beta * b[i]);
        }
    }

    @Override
    public void affine(PureTensor xt, double scale, double shift, PureTensor outt) {
        double[] x = (double[]) xt.data;
        double[] out = (double[]) outt.data;
        int n = outt.length();
        for (int i = 0; i < n; i++) {
            out[i] = (double) (scale * x[i] + shift);
        }
    }

    @Override
    public void clamp(PureTensor xt, double min, double max, PureTensor outt) {
        double[] x = (double[]) xt.data;
        double[] out = (double[]) outt.data;
        int n = outt.length();
        for (int i = 0; i < n; i++) {
            double v = x[i];
            out[i] = (double) (v < min ? min : v > max ? max : v);
        }
    }

    @Override
    public void fill(double value, PureTensor outt) {
        double[] out = (double[]) outt.data;
        int n = outt.length();
        var v = (double) value;
        for (int i = 0; i < n; i++) {
            out[i] = v;
        }
    }

    @Override
    public double sum(PureTensor xt) {
        double[] x = (double[]) xt.data;
        int n = xt.length();
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s;
    }

    @Override
    public double dot(PureTensor at, PureTensor bt) {
        double[] a = (double[]) at.data;
        double[] b = (double[]) bt.data;
        int n = at.length();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double ai = a[i];
            s += ai * b[i];
        }
        return s;
    }

    @Override
    public void sumColumns(PureTensor xt, PureTensor outt) {
        double[] x = (double[]) xt.data;
        double[] out = (double[]) outt.data;
        int rows = xt.rows();
        int cols = xt.cols();
        for (int j = 0; j < cols; j++) {
            out[j] = 0;
        }
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += x[row + j];
            }
        }
    }

    @Override
    public void sumRows(PureTensor xt, PureTensor outt) {
        double[] x = (double[]) xt.data;
        double[] out = (double[]) outt.data;
        int rows = xt.rows();
        int cols = xt.cols();
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = r * cols; j < (r + 1) * cols; j++) {
                s += x[j];
            }
            out[r] = (double) s;
        }
    }

    @Override
    public void rowMax(PureTensor xt, PureTensor outt) {
        double[] x = (double[]) xt.data;
        double[] out = (double[]) outt.data;
        int rows = xt.rows();
        int cols = xt.cols();
        for (int r = 0; r < rows; r++) {
            out[r] = (double) max(x, r * cols, cols);
        }
    }

    private static double max(double[] x, int from, int count) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = from; j < from + count; j++) {
            m = Math.max(m, x[j]);
        }
        return m;
    }

    @Override
    public void rowLogSumExp(PureTensor xt, PureTensor outt) {
        double[] x = (double[]) xt.data;
        double[] out = (double[]) outt.data;
        int rows = xt.rows();
        int cols = xt.cols();
        for (int r = 0; r < rows; r++) {
            out[r] = (double) logSumExp(x, r * cols, cols);
        }
    }

    /** {@code m + log(sum e^(x - m))}; {@code ±inf} rows give {@code m}. */
    private static double logSumExp(double[] x, int from, int count) {
        double m = max(x, from, count);
        if (Double.isInfinite(m)) {
            return m;
        }
        double s = 0;
        for (int j = from; j < from + count; j++) {
            s += Math.exp(x[j] - m);
        }
        return m + Math.log(s);
    }

    @Override
    public void argmaxRows(PureTensor xt, int[] out) {
        double[] x = (double[]) xt.data;
        int rows = xt.rows();
        int cols = xt.cols();
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            int best = 0;
            for (int j = 1; j < cols; j++) {
                if (x[row + j] > x[row + best] || Double.isNaN(x[row + best])) {
                    best = j;
                }
            }
            out[r] = best;
        }
    }

    @Override
    public void sigmoidBackward(RequiredOps ops, PureTensor yt, PureTensor dyt, PureTensor dzt) {
        double[] y = (double[]) yt.data;
        double[] dy = (double[]) dyt.data;
        double[] dz = (double[]) dzt.data;
        int n = dzt.length();
        for (int i = 0; i < n; i++) {
            var yi = y[i];
            dz[i] = (yi - yi * yi) * dy[i];
        }
    }

    @Override
    public void tanhBackward(RequiredOps ops, PureTensor yt, PureTensor dyt, PureTensor dzt) {
        double[] y = (double[]) yt.data;
        double[] dy = (double[]) dyt.data;
        double[] dz = (double[]) dzt.data;
        int n = dzt.length();
        for (int i = 0; i < n; i++) {
            var yi = y[i];
            dz[i] = (1 - yi * yi) * dy[i];
        }
    }

    @Override
    public void leakyRelu(RequiredOps ops, PureTensor zt, double slope, PureTensor yt) {
        double[] z = (double[]) zt.data;
        double[] y = (double[]) yt.data;
        int n = yt.length();
        for (int i = 0; i < n; i++) {
            var zi = z[i];
            y[i] = zi > 0 ? zi : (double) (slope * zi);
        }
    }

    @Override
    public void leakyReluBackward(RequiredOps ops, PureTensor zt, double slope, PureTensor dyt, PureTensor dzt) {
        double[] z = (double[]) zt.data;
        double[] dy = (double[]) dyt.data;
        double[] dz = (double[]) dzt.data;
        int n = dzt.length();
        for (int i = 0; i < n; i++) {
            dz[i] = z[i] > 0 ? dy[i] : (double) (slope * dy[i]);
        }
    }

    @Override
    public double softmaxCrossEntropy(RequiredOps ops, PureTensor logitst, PureTensor targetst,
            PureTensor rowScratch, PureTensor gradientt) {
        double[] logits = (double[]) logitst.data;
        double[] targets = (double[]) targetst.data;
        double[] gradient = (double[]) gradientt.data;
        int rows = logitst.rows();
        int cols = logitst.cols();
        double loss = 0;
        double scale = 1.0 / rows;
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            double lse = logSumExp(logits, row, cols);
            for (int j = row; j < row + cols; j++) {
                double logP = logits[j] - lse;
                double t = targets[j];
                loss -= t * logP;
                gradient[j] = (double) (scale * Math.exp(logP) - scale * t);
            }
        }
        return loss / rows;
    }

    @Override
    public void adamUpdate(RequiredOps ops, PureTensor paramt, PureTensor gradientt, PureTensor mt, PureTensor vt,
            PureTensor scratch, AdamStep step) {
        double[] param = (double[]) paramt.data;
        double[] gradient = (double[]) gradientt.data;
        double[] m = (double[]) mt.data;
        double[] v = (double[]) vt.data;
        int n = paramt.length();
        // In the element type throughout (float in float32, as PyTorch and ND4J compute), so that C2
        // vectorizes the loop; mixing in double made it the pure MLP step's largest cost after GEMM.
        var beta1 = (double) step.beta1();
        var oneMinusBeta1 = (double) (1 - step.beta1());
        var beta2 = (double) step.beta2();
        var oneMinusBeta2 = (double) (1 - step.beta2());
        var epsilon = (double) step.epsilon();
        var stepSize = (double) (-step.learningRate() / step.biasCorrection1());
        var denominatorScale = (double) (1 / Math.sqrt(step.biasCorrection2()));
        for (int i = 0; i < n; i++) {
            var g = gradient[i];
            var mi = beta1 * m[i] + oneMinusBeta1 * g;
            var vi = beta2 * v[i] + oneMinusBeta2 * (g * g);
            m[i] = mi;
            v[i] = vi;
            var denominator = denominatorScale * (double) Math.sqrt(vi) + epsilon;
            param[i] = param[i] + stepSize * (mi / denominator);
        }
    }

    @Override
    public void im2col(PureTensor x, Window2d window, PureTensor columns) {
        Float64ArrayConvolution.im2col(elements(x), x.shape(), window, elements(columns));
    }

    @Override
    public void col2im(PureTensor columns, Window2d window, PureTensor dx) {
        Float64ArrayConvolution.col2im(elements(columns), window, elements(dx), dx.shape());
    }

    @Override
    public void channelsLast(PureTensor x, PureTensor out) {
        Float64ArrayConvolution.channelsLast(elements(x), x.shape(), elements(out));
    }

    @Override
    public void channelsFirst(PureTensor x, PureTensor out) {
        Float64ArrayConvolution.channelsFirst(elements(x), elements(out), out.shape());
    }

    @Override
    public void maxPool2d(PureTensor x, Window2d window, PureTensor y, PureTensor argmax) {
        Float64ArrayConvolution.maxPool2d(elements(x), x.shape(), window, elements(y), elements(argmax));
    }

    @Override
    public void maxPool2dBackward(PureTensor dy, PureTensor argmax, Window2d window, PureTensor dx) {
        Float64ArrayConvolution.maxPool2dBackward(elements(dy), elements(argmax), window, elements(dx), dx.shape());
    }

    @Override
    public void avgPool2d(PureTensor x, Window2d window, PureTensor y) {
        Float64ArrayConvolution.avgPool2d(elements(x), x.shape(), window, elements(y));
    }

    @Override
    public void avgPool2dBackward(PureTensor dy, Window2d window, PureTensor dx) {
        Float64ArrayConvolution.avgPool2dBackward(elements(dy), window, elements(dx), dx.shape());
    }

    /**
     * The SPI's composition with the bias added by the final permute ({@code channelsFirst} with bias),
     * one pass over the output fewer; the same values.
     */
    @Override
    public void conv2d(Backend ops, PureTensor x, PureTensor weights, PureTensor bias, Window2d window, PureTensor columns,
            PureTensor channelsLast, PureTensor y) {
        Float64ArrayConvolution.im2col(elements(x), x.shape(), window, elements(columns));
        ops.gemm(false, true, 1, columns, weights, 0, channelsLast);
        Float64ArrayConvolution.channelsFirst(elements(channelsLast), elements(bias), elements(y), y.shape());
    }

    /**
     * The SPI's composition with the bias gradient summed by the permute of {@code dy}
     * ({@code channelsLast} with sums), one pass over {@code dy} fewer.
     */
    @Override
    public void conv2dBackward(Backend ops, PureTensor x, PureTensor weights, Window2d window, PureTensor dy, PureTensor columns,
            PureTensor channelsLast, PureTensor dWeights, PureTensor dBias, PureTensor dx) {
        Float64ArrayConvolution.channelsLast(elements(dy), dy.shape(), elements(channelsLast), elements(dBias));
        ops.gemm(true, false, 1, channelsLast, columns, 0, dWeights);
        if (dx != null) {
            ops.gemm(false, false, 1, channelsLast, weights, 0, columns);
            Float64ArrayConvolution.col2im(elements(columns), window, elements(dx), dx.shape());
        }
    }

    /** The tensor's row-major elements. */
    private static double[] elements(PureTensor t) {
        return (double[]) t.data;
    }
}
