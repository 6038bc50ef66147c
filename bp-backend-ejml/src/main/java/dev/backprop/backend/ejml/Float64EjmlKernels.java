package dev.backprop.backend.ejml;

import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.UnaryOp;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.data.DMatrixRMaj;

/*
 * GENERATOR-NOTE
 *
 * The single source of the EJML backend's arithmetic. The build derives Float32EjmlKernels from this
 * file by replacing DMatrixRMaj with FMatrixRMaj, _DDRM with _FDRM, double[] with float[] and the
 * cast (double) with (float) (see this module's pom.xml). So: scalars passed to EJML are cast with
 * (double), element stores too, and element-typed locals are declared with var.
 */

/**
 * The EJML kernels in float64. GEMM, element-wise arithmetic, sums, row maxima and column sums are
 * EJML's ({@code CommonOps_DDRM}, and {@code CommonOps_MT_DDRM} for large products); EJML has no
 * sigmoid, tanh, ReLU, step, square root, clamp, element-wise max/min, broadcasting, log-sum-exp or
 * row argmax, so those are loops over the row-major {@code data} array.
 */
@SuppressWarnings("cast") // the (double) casts are the generator's markers; they matter in Float32EjmlKernels
final class Float64EjmlKernels implements EjmlKernels<DMatrixRMaj> {

    static final Float64EjmlKernels INSTANCE = new Float64EjmlKernels();

    /** Multiply-adds from which a GEMM uses EJML's concurrent implementation. */
    private static final long CONCURRENT_THRESHOLD = 1L << 18;

    private Float64EjmlKernels() {
    }

    @Override
    public DMatrixRMaj create(int rows, int cols) {
        return new DMatrixRMaj(rows, cols);
    }

    @Override
    public DMatrixRMaj view(DMatrixRMaj matrix, int rows, int cols) {
        return DMatrixRMaj.wrap(rows, cols, matrix.data);
    }

    @Override
    public void copy(DMatrixRMaj source, DMatrixRMaj out) {
        out.setTo(source);
    }

    @Override
    public void fill(double value, DMatrixRMaj out) {
        CommonOps_DDRM.fill(out, (double) value);
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b, double beta,
            DMatrixRMaj c) {
        var scale = (double) alpha;
        if (beta != 0 && beta != 1) {
            CommonOps_DDRM.scale((double) beta, c);
        }
        boolean concurrent = (long) c.numRows * c.numCols * (transposeA ? a.numRows : a.numCols)
                >= CONCURRENT_THRESHOLD;
        if (beta == 0) {
            if (concurrent) {
                multConcurrent(transposeA, transposeB, scale, a, b, c);
            } else if (transposeA) {
                if (transposeB) {
                    CommonOps_DDRM.multTransAB(scale, a, b, c);
                } else {
                    CommonOps_DDRM.multTransA(scale, a, b, c);
                }
            } else if (transposeB) {
                CommonOps_DDRM.multTransB(scale, a, b, c);
            } else {
                CommonOps_DDRM.mult(scale, a, b, c);
            }
        } else if (concurrent) {
            multAddConcurrent(transposeA, transposeB, scale, a, b, c);
        } else if (transposeA) {
            if (transposeB) {
                CommonOps_DDRM.multAddTransAB(scale, a, b, c);
            } else {
                CommonOps_DDRM.multAddTransA(scale, a, b, c);
            }
        } else if (transposeB) {
            CommonOps_DDRM.multAddTransB(scale, a, b, c);
        } else {
            CommonOps_DDRM.multAdd(scale, a, b, c);
        }
    }

    private static void multConcurrent(boolean transposeA, boolean transposeB, double scale, DMatrixRMaj a,
            DMatrixRMaj b, DMatrixRMaj c) {
        var s = (double) scale;
        if (transposeA) {
            if (transposeB) {
                CommonOps_MT_DDRM.multTransAB(s, a, b, c);
            } else {
                CommonOps_MT_DDRM.multTransA(s, a, b, c);
            }
        } else if (transposeB) {
            CommonOps_MT_DDRM.multTransB(s, a, b, c);
        } else {
            CommonOps_MT_DDRM.mult(s, a, b, c);
        }
    }

    private static void multAddConcurrent(boolean transposeA, boolean transposeB, double scale, DMatrixRMaj a,
            DMatrixRMaj b, DMatrixRMaj c) {
        var s = (double) scale;
        if (transposeA) {
            if (transposeB) {
                CommonOps_MT_DDRM.multAddTransAB(s, a, b, c);
            } else {
                CommonOps_MT_DDRM.multAddTransA(s, a, b, c);
            }
        } else if (transposeB) {
            CommonOps_MT_DDRM.multAddTransB(s, a, b, c);
        } else {
            CommonOps_MT_DDRM.multAdd(s, a, b, c);
        }
    }

    @Override
    public void unary(UnaryOp op, DMatrixRMaj x, DMatrixRMaj out) {
        double[] in = x.data;
        double[] o = out.data;
        int n = x.getNumElements();
        switch (op) {
            case EXP -> CommonOps_DDRM.elementExp(x, out);
            case LOG -> CommonOps_DDRM.elementLog(x, out);
            case SQUARE -> CommonOps_DDRM.elementMult(x, x, out);
            case ABS -> CommonOps_DDRM.abs(x, out);
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    o[i] = (double) Math.sqrt(in[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    o[i] = (double) UnaryOp.SIGMOID.apply(in[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    o[i] = (double) Math.tanh(in[i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    o[i] = (double) Math.max(in[i], 0.0);
                }
            }
            case STEP -> {
                for (int i = 0; i < n; i++) {
                    o[i] = in[i] > 0 ? 1 : 0;
                }
            }
        }
    }

    @Override
    public void binary(BinaryOp op, DMatrixRMaj a, DMatrixRMaj b, Broadcast broadcast, int inner, DMatrixRMaj out) {
        if (broadcast == Broadcast.SAME) {
            switch (op) {
                case ADD -> CommonOps_DDRM.add(a, b, out);
                case SUB -> CommonOps_DDRM.subtract(a, b, out);
                case MUL -> CommonOps_DDRM.elementMult(a, b, out);
                case DIV -> CommonOps_DDRM.elementDiv(a, b, out);
                case MAX, MIN -> broadcastLoop(op, a, b, broadcast, inner, out);
            }
        } else {
            broadcastLoop(op, a, b, broadcast, inner, out);
        }
    }

    private static void broadcastLoop(BinaryOp op, DMatrixRMaj a, DMatrixRMaj b, Broadcast broadcast, int inner,
            DMatrixRMaj out) {
        double[] x = a.data;
        double[] y = b.data;
        double[] o = out.data;
        int cols = a.numCols;
        for (int r = 0; r < a.numRows; r++) {
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                var v = switch (broadcast) {
                    case SAME -> y[row + j];
                    case ROW -> y[j];
                    case COLUMN -> y[r];
                    case CHANNEL -> y[j / inner];
                };
                o[row + j] = (double) op.apply(x[row + j], v);
            }
        }
    }

    @Override
    public void linear(double alpha, DMatrixRMaj a, double beta, DMatrixRMaj b, DMatrixRMaj out) {
        CommonOps_DDRM.add((double) alpha, a, (double) beta, b, out);
    }

    @Override
    public void affine(DMatrixRMaj x, double scale, double shift, DMatrixRMaj out) {
        CommonOps_DDRM.scale((double) scale, x, out);
        CommonOps_DDRM.add(out, (double) shift);
    }

    @Override
    public void clamp(DMatrixRMaj x, double min, double max, DMatrixRMaj out) {
        double[] in = x.data;
        double[] o = out.data;
        int n = x.getNumElements();
        for (int i = 0; i < n; i++) {
            double v = in[i];
            o[i] = (double) (v < min ? min : v > max ? max : v);
        }
    }

    @Override
    public double sum(DMatrixRMaj x) {
        return CommonOps_DDRM.elementSum(x);
    }

    @Override
    public double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double[] x = a.data;
        double[] y = b.data;
        int n = a.getNumElements();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            s += xi * y[i];
        }
        return s;
    }

    @Override
    public void sumColumns(DMatrixRMaj x, DMatrixRMaj out) {
        CommonOps_DDRM.sumCols(x, out);
    }

    @Override
    public void sumRows(DMatrixRMaj x, DMatrixRMaj out) {
        CommonOps_DDRM.sumRows(x, out);
    }

    @Override
    public void rowMax(DMatrixRMaj x, DMatrixRMaj out) {
        CommonOps_DDRM.maxRows(x, out);
    }

    @Override
    public void rowLogSumExp(DMatrixRMaj x, DMatrixRMaj out) {
        double[] in = x.data;
        double[] o = out.data;
        int cols = x.numCols;
        for (int r = 0; r < x.numRows; r++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = r * cols; j < (r + 1) * cols; j++) {
                m = Math.max(m, in[j]);
            }
            if (Double.isInfinite(m)) {
                o[r] = (double) m;
                continue;
            }
            double s = 0;
            for (int j = r * cols; j < (r + 1) * cols; j++) {
                s += Math.exp(in[j] - m);
            }
            o[r] = (double) (m + Math.log(s));
        }
    }

    @Override
    public void argmaxRows(DMatrixRMaj x, int[] out) {
        double[] in = x.data;
        int cols = x.numCols;
        for (int r = 0; r < x.numRows; r++) {
            int row = r * cols;
            int best = 0;
            for (int j = 1; j < cols; j++) {
                if (in[row + j] > in[row + best] || Double.isNaN(in[row + best])) {
                    best = j;
                }
            }
            out[r] = best;
        }
    }
}
