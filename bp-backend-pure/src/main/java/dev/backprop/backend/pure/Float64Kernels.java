package dev.backprop.backend.pure;

import dev.backprop.backend.pure.gemm.GemmProvider;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.UnaryOp;

/*
 * GENERATOR-NOTE
 *
 * The single source of the pure backend's arithmetic. The build derives Float32Kernels from this
 * file by replacing the element array type double[] with float[] and the store cast (double) with
 * (float) (see this module's pom.xml). So: element arrays are always written double[], every store
 * into an element array casts with (double), element-typed locals are declared with var, and locals
 * declared double (accumulators, intermediate results) stay double in both precisions.
 */

/**
 * Kernels of the pure backend on {@code double[]} storage: plain loops that read as the definition
 * of each op. GEMM is the packed, blocked kernel of {@link GemmProvider}.
 */
@SuppressWarnings("cast") // the (double) store casts are the generator's markers; they matter in Float32Kernels
final class Float64Kernels implements Kernels<double[]> {

    static final Float64Kernels INSTANCE = new Float64Kernels();

    private Float64Kernels() {
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, double[] a,
            double[] b, double beta, double[] c) {
        GemmProvider.get().gemm(transposeA, transposeB, m, n, k, alpha, a, b, beta, c);
    }

    @Override
    public void unary(UnaryOp op, double[] x, double[] out, int n) {
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
                    out[i] = (double) Math.max(x[i], 0.0);
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
    public void binary(BinaryOp op, double[] a, double[] b, Broadcast broadcast, int rows, int cols, double[] out) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            int bRow = broadcast == Broadcast.SAME ? row : 0;
            int bStep = broadcast == Broadcast.COLUMN ? 0 : 1;
            int bStart = broadcast == Broadcast.COLUMN ? r : bRow;
            switch (op) {
                case ADD -> {
                    for (int j = 0; j < cols; j++) {
                        out[row + j] = a[row + j] + b[bStart + j * bStep];
                    }
                }
                case SUB -> {
                    for (int j = 0; j < cols; j++) {
                        out[row + j] = a[row + j] - b[bStart + j * bStep];
                    }
                }
                case MUL -> {
                    for (int j = 0; j < cols; j++) {
                        out[row + j] = a[row + j] * b[bStart + j * bStep];
                    }
                }
                case DIV -> {
                    for (int j = 0; j < cols; j++) {
                        out[row + j] = a[row + j] / b[bStart + j * bStep];
                    }
                }
                case MAX -> {
                    for (int j = 0; j < cols; j++) {
                        out[row + j] = Math.max(a[row + j], b[bStart + j * bStep]);
                    }
                }
                case MIN -> {
                    for (int j = 0; j < cols; j++) {
                        out[row + j] = Math.min(a[row + j], b[bStart + j * bStep]);
                    }
                }
            }
        }
    }

    @Override
    public void linear(double alpha, double[] a, double beta, double[] b, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (double) (alpha * a[i] + beta * b[i]);
        }
    }

    @Override
    public void affine(double[] x, double scale, double shift, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (double) (scale * x[i] + shift);
        }
    }

    @Override
    public void clamp(double[] x, double min, double max, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[i];
            out[i] = (double) (v < min ? min : v > max ? max : v);
        }
    }

    @Override
    public void fill(double value, double[] out, int n) {
        var v = (double) value;
        for (int i = 0; i < n; i++) {
            out[i] = v;
        }
    }

    @Override
    public double sum(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s;
    }

    @Override
    public double dot(double[] a, double[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double ai = a[i];
            s += ai * b[i];
        }
        return s;
    }

    @Override
    public void sumColumns(double[] x, int rows, int cols, double[] out) {
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
    public void sumRows(double[] x, int rows, int cols, double[] out) {
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = r * cols; j < (r + 1) * cols; j++) {
                s += x[j];
            }
            out[r] = (double) s;
        }
    }

    @Override
    public void rowMax(double[] x, int rows, int cols, double[] out) {
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
    public void rowLogSumExp(double[] x, int rows, int cols, double[] out) {
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
    public void argmaxRows(double[] x, int rows, int cols, int[] out) {
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
    public void sigmoidBackward(double[] y, double[] dy, double[] dz, int n) {
        for (int i = 0; i < n; i++) {
            var yi = y[i];
            dz[i] = (yi - yi * yi) * dy[i];
        }
    }

    @Override
    public void tanhBackward(double[] y, double[] dy, double[] dz, int n) {
        for (int i = 0; i < n; i++) {
            var yi = y[i];
            dz[i] = (1 - yi * yi) * dy[i];
        }
    }

    @Override
    public void leakyRelu(double[] z, double slope, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            var zi = z[i];
            y[i] = zi > 0 ? zi : (double) (slope * zi);
        }
    }

    @Override
    public void leakyReluBackward(double[] z, double slope, double[] dy, double[] dz, int n) {
        for (int i = 0; i < n; i++) {
            dz[i] = z[i] > 0 ? dy[i] : (double) (slope * dy[i]);
        }
    }

    @Override
    public double softmaxCrossEntropy(double[] logits, double[] targets, int rows, int cols, double[] gradient) {
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
    public void adamUpdate(double[] param, double[] gradient, double[] m, double[] v, int n, double learningRate,
            double beta1, double beta2, double epsilon, double biasCorrection1, double biasCorrection2) {
        double stepSize = -learningRate / biasCorrection1;
        double denominatorScale = 1 / Math.sqrt(biasCorrection2);
        for (int i = 0; i < n; i++) {
            double g = gradient[i];
            var mi = (double) (beta1 * m[i] + (1 - beta1) * g);
            var vi = (double) (beta2 * v[i] + (1 - beta2) * (g * g));
            m[i] = mi;
            v[i] = vi;
            double denominator = denominatorScale * Math.sqrt(vi) + epsilon;
            param[i] = (double) (param[i] + stepSize * (mi / denominator));
        }
    }
}
