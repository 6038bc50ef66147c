package dev.backprop.conformance.reference;

import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.UnaryOp;

/**
 * Every op of the SPI as the plainest loops over row-major {@code double[]} in float64, independent of
 * {@link dev.backprop.spi.ComposedOps}: this is what the kit compares backends with. Clarity over
 * speed throughout.
 */
public final class Reference {

    private Reference() {
    }

    /** {@code alpha * op(a) * op(b) + beta * c} for {@code c} m×n; {@code c}'s old values ignored when beta is 0. */
    public static double[] gemm(boolean transposeA, boolean transposeB, double alpha, double[] a, int aRows,
            int aCols, double[] b, int bRows, int bCols, double beta, double[] c) {
        int m = transposeA ? aCols : aRows;
        int k = transposeA ? aRows : aCols;
        int n = transposeB ? bRows : bCols;
        double[] rowsOfA = transposeA ? transpose(a, aRows, aCols) : a;
        double[] columnsOfB = transposeB ? b : transpose(b, bRows, bCols);
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += rowsOfA[i * k + p] * columnsOfB[j * k + p];
                }
                out[i * n + j] = beta == 0 ? alpha * sum : alpha * sum + beta * c[i * n + j];
            }
        }
        return out;
    }

    /** The rows×cols matrix {@code x} transposed, cols×rows. */
    private static double[] transpose(double[] x, int rows, int cols) {
        double[] out = new double[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = x[i * cols + j];
            }
        }
        return out;
    }

    /** {@code sum over p of |alpha * op(a)[i][p] * op(b)[p][j]| + |beta * c[i][j]|}: the scale of GEMM's rounding error. */
    public static double[] gemmMagnitudes(boolean transposeA, boolean transposeB, double alpha, double[] a,
            int aRows, int aCols, double[] b, int bRows, int bCols, double beta, double[] c) {
        double[] absA = abs(a);
        double[] absB = abs(b);
        double[] absC = abs(c);
        return gemm(transposeA, transposeB, Math.abs(alpha), absA, aRows, aCols, absB, bRows, bCols, Math.abs(beta),
                absC);
    }

    private static double[] abs(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.abs(x[i]);
        }
        return out;
    }

    /** {@code op(x)} element by element. */
    public static double[] unary(UnaryOp op, double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = op.apply(x[i]);
        }
        return out;
    }

    /** {@code op(a, b')} with {@code b'} broadcast as {@code broadcast} says; {@code a} is rows×cols. */
    public static double[] binary(BinaryOp op, double[] a, double[] b, Broadcast broadcast, int rows, int cols) {
        return binary(op, a, b, broadcast, rows, cols, 1);
    }

    /**
     * {@code op(a, b)} on {@code a}'s matrix view, {@code b} broadcast as {@code broadcast} says; for
     * {@link Broadcast#CHANNEL}, {@code inner} columns of {@code a} share one value of {@code b}.
     */
    public static double[] binary(BinaryOp op, double[] a, double[] b, Broadcast broadcast, int rows, int cols,
            int inner) {
        double[] out = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double bij = switch (broadcast) {
                    case SAME -> b[i * cols + j];
                    case ROW -> b[j];
                    case COLUMN -> b[i];
                    case CHANNEL -> b[j / inner];
                };
                out[i * cols + j] = op.apply(a[i * cols + j], bij);
            }
        }
        return out;
    }

    /** {@code alpha * a + beta * b}. */
    public static double[] linear(double alpha, double[] a, double beta, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = alpha * a[i] + beta * b[i];
        }
        return out;
    }

    /** {@code scale * x + shift}. */
    public static double[] affine(double[] x, double scale, double shift) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = scale * x[i] + shift;
        }
        return out;
    }

    /** {@code min(max(x, min), max)}. */
    public static double[] clamp(double[] x, double min, double max) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.min(Math.max(x[i], min), max);
        }
        return out;
    }

    /** Sum of all elements. */
    public static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /** Sum of {@code |x|}: the scale of a sum's rounding error. */
    public static double sumOfMagnitudes(double[] x) {
        return sum(abs(x));
    }

    /** Sum of {@code a[i] * b[i]}. */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Column sums, 1×cols. */
    public static double[] sumColumns(double[] x, int rows, int cols) {
        double[] out = new double[cols];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out[j] += x[i * cols + j];
            }
        }
        return out;
    }

    /** Row sums, rows×1. */
    public static double[] sumRows(double[] x, int rows, int cols) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i] += x[i * cols + j];
            }
        }
        return out;
    }

    /** Row maxima, rows×1. */
    public static double[] rowMax(double[] x, int rows, int cols) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                m = Math.max(m, x[i * cols + j]);
            }
            out[i] = m;
        }
        return out;
    }

    /** Row-wise {@code log sum exp}, computed as {@code m + log(sum exp(x - m))}; rows of ±inf give their maximum. */
    public static double[] rowLogSumExp(double[] x, int rows, int cols) {
        double[] max = rowMax(x, rows, cols);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            if (Double.isInfinite(max[i])) {
                out[i] = max[i];
                continue;
            }
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += Math.exp(x[i * cols + j] - max[i]);
            }
            out[i] = max[i] + Math.log(s);
        }
        return out;
    }

    /** Index of the first maximum of each row. */
    public static int[] argmaxRows(double[] x, int rows, int cols) {
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 1; j < cols; j++) {
                if (x[i * cols + j] > x[i * cols + out[i]]) {
                    out[i] = j;
                }
            }
        }
        return out;
    }

    /** {@code dy * y * (1 - y)}. */
    public static double[] sigmoidBackward(double[] y, double[] dy) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = dy[i] * y[i] * (1 - y[i]);
        }
        return out;
    }

    /** {@code dy * (1 - y²)}. */
    public static double[] tanhBackward(double[] y, double[] dy) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = dy[i] * (1 - y[i] * y[i]);
        }
        return out;
    }

    /** {@code z > 0 ? z : slope * z}. */
    public static double[] leakyRelu(double[] z, double slope) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] > 0 ? z[i] : slope * z[i];
        }
        return out;
    }

    /** {@code dy * (z > 0 ? 1 : slope)}. */
    public static double[] leakyReluBackward(double[] z, double slope, double[] dy) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] > 0 ? dy[i] : slope * dy[i];
        }
        return out;
    }

    /** Row-wise {@code exp(z - logsumexp(z))}. */
    public static double[] softmax(double[] z, int rows, int cols) {
        double[] lse = rowLogSumExp(z, rows, cols);
        double[] out = new double[z.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = Math.exp(z[i * cols + j] - lse[i]);
            }
        }
        return out;
    }

    /** {@code y * (dy - rowsum(dy * y))}. */
    public static double[] softmaxBackward(double[] y, double[] dy, int rows, int cols) {
        double[] out = new double[y.length];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += dy[i * cols + j] * y[i * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = y[i * cols + j] * (dy[i * cols + j] - s);
            }
        }
        return out;
    }

    /** Mean over rows of {@code -sum t log softmax(z)}; {@code gradient} receives {@code (softmax(z) - t) / rows}. */
    public static double softmaxCrossEntropy(double[] z, double[] t, int rows, int cols, double[] gradient) {
        double[] lse = rowLogSumExp(z, rows, cols);
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double logP = z[i * cols + j] - lse[i];
                loss -= t[i * cols + j] * logP;
                gradient[i * cols + j] = (Math.exp(logP) - t[i * cols + j]) / rows;
            }
        }
        return loss / rows;
    }

    /**
     * One Adam step in place on {@code param}, {@code m}, {@code v}, as PyTorch writes it:
     * {@code p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}.
     */
    public static void adam(double[] param, double[] g, double[] m, double[] v, double lr, double beta1,
            double beta2, double eps, long step) {
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < param.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            param[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + eps);
        }
    }
}
