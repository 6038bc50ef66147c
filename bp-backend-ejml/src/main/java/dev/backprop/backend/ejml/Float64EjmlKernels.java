package dev.backprop.backend.ejml;

import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.UnaryOp;
import dev.backprop.spi.Window2d;
import dev.backprop.spi.support.ConvolutionKernels;
import dev.backprop.spi.support.Float64ArrayConvolution;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.data.DMatrixRMaj;

// GENERATED-HEADER
// template: The single source of the EJML backend's arithmetic: the float32 generator of the parent
// template: pom.xml derives Float32EjmlKernels from it (DMatrixRMaj becomes FMatrixRMaj, _DDRM _FDRM,
// template: double[] float[], the cast (double) (float)). So scalars passed to EJML and element stores
// template: cast with (double), and element-typed locals are declared var. GEMM is EJML's, which
// template: accumulates in the element type (float in float32), as the other backends do.

/**
 * The EJML kernels in float64. GEMM, element-wise arithmetic, sums, row maxima and column sums are
 * EJML's ({@code CommonOps_DDRM}, and {@code CommonOps_MT_DDRM} for large products); EJML has no
 * sigmoid, tanh, ReLU, step, square root, clamp, element-wise max/min, broadcasting, log-sum-exp or
 * row argmax, so those are loops over the row-major {@code data} array.
 */
@SuppressWarnings("cast") // the (double) casts are the generator's markers; they matter in Float32EjmlKernels
final class Float64EjmlKernels extends EjmlKernels implements ConvolutionKernels<EjmlTensor> {

    static final Float64EjmlKernels INSTANCE = new Float64EjmlKernels();

    /** Multiply-adds from which a GEMM uses EJML's concurrent implementation. */
    private static final long CONCURRENT_THRESHOLD = 1L << 18;

    private Float64EjmlKernels() {
    }

    @Override
    public EjmlTensor allocate(Shape shape) {
        return new EjmlTensor(DType.FLOAT64, shape, new DMatrixRMaj(shape.rows(), shape.cols()));
    }

    @Override
    public EjmlTensor view(EjmlTensor x, Shape shape) {
        var data = ((DMatrixRMaj) x.matrix).data;
        return new EjmlTensor(x, shape, DMatrixRMaj.wrap(shape.rows(), shape.cols(), data));
    }

    @Override
    public void copy(EjmlTensor sourceTensor, EjmlTensor outTensor) {
        DMatrixRMaj source = (DMatrixRMaj) sourceTensor.matrix;
        DMatrixRMaj out = (DMatrixRMaj) outTensor.matrix;
        out.setTo(source);
    }

    @Override
    public void fill(double value, EjmlTensor outTensor) {
        DMatrixRMaj out = (DMatrixRMaj) outTensor.matrix;
        CommonOps_DDRM.fill(out, (double) value);
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, EjmlTensor aTensor, EjmlTensor bTensor,
            double beta, EjmlTensor cTensor) {
        DMatrixRMaj a = (DMatrixRMaj) aTensor.matrix;
        DMatrixRMaj b = (DMatrixRMaj) bTensor.matrix;
        DMatrixRMaj c = (DMatrixRMaj) cTensor.matrix;
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
    public void unary(UnaryOp op, EjmlTensor xTensor, EjmlTensor outTensor) {
        DMatrixRMaj x = (DMatrixRMaj) xTensor.matrix;
        DMatrixRMaj out = (DMatrixRMaj) outTensor.matrix;
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
    public void binary(BinaryOp op, EjmlTensor aTensor, EjmlTensor bTensor, Broadcast broadcast,
            EjmlTensor outTensor) {
        DMatrixRMaj a = (DMatrixRMaj) aTensor.matrix;
        DMatrixRMaj b = (DMatrixRMaj) bTensor.matrix;
        DMatrixRMaj out = (DMatrixRMaj) outTensor.matrix;
        if (broadcast == Broadcast.SAME) {
            switch (op) {
                case ADD -> CommonOps_DDRM.add(a, b, out);
                case SUB -> CommonOps_DDRM.subtract(a, b, out);
                case MUL -> CommonOps_DDRM.elementMult(a, b, out);
                case DIV -> CommonOps_DDRM.elementDiv(a, b, out);
                case MAX, MIN -> broadcastLoop(op, a, b, broadcast, 1, out);
            }
        } else {
            broadcastLoop(op, a, b, broadcast, aTensor.shape().sizeFrom(2), out);
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
    public void linear(double alpha, EjmlTensor aTensor, double beta, EjmlTensor bTensor, EjmlTensor outTensor) {
        DMatrixRMaj a = (DMatrixRMaj) aTensor.matrix;
        DMatrixRMaj b = (DMatrixRMaj) bTensor.matrix;
        DMatrixRMaj out = (DMatrixRMaj) outTensor.matrix;
        CommonOps_DDRM.add((double) alpha, a, (double) beta, b, out);
    }

    @Override
    public void affine(EjmlTensor xTensor, double scale, double shift, EjmlTensor outTensor) {
        DMatrixRMaj x = (DMatrixRMaj) xTensor.matrix;
        DMatrixRMaj out = (DMatrixRMaj) outTensor.matrix;
        CommonOps_DDRM.scale((double) scale, x, out);
        CommonOps_DDRM.add(out, (double) shift);
    }

    @Override
    public void clamp(EjmlTensor xTensor, double min, double max, EjmlTensor outTensor) {
        DMatrixRMaj x = (DMatrixRMaj) xTensor.matrix;
        DMatrixRMaj out = (DMatrixRMaj) outTensor.matrix;
        double[] in = x.data;
        double[] o = out.data;
        int n = x.getNumElements();
        for (int i = 0; i < n; i++) {
            double v = in[i];
            o[i] = (double) (v < min ? min : v > max ? max : v);
        }
    }

    @Override
    public double sum(EjmlTensor xTensor) {
        DMatrixRMaj x = (DMatrixRMaj) xTensor.matrix;
        return CommonOps_DDRM.elementSum(x);
    }

    @Override
    public double dot(EjmlTensor aTensor, EjmlTensor bTensor) {
        DMatrixRMaj a = (DMatrixRMaj) aTensor.matrix;
        DMatrixRMaj b = (DMatrixRMaj) bTensor.matrix;
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
    public void sumColumns(EjmlTensor xTensor, EjmlTensor outTensor) {
        DMatrixRMaj x = (DMatrixRMaj) xTensor.matrix;
        DMatrixRMaj out = (DMatrixRMaj) outTensor.matrix;
        CommonOps_DDRM.sumCols(x, out);
    }

    @Override
    public void sumRows(EjmlTensor xTensor, EjmlTensor outTensor) {
        DMatrixRMaj x = (DMatrixRMaj) xTensor.matrix;
        DMatrixRMaj out = (DMatrixRMaj) outTensor.matrix;
        CommonOps_DDRM.sumRows(x, out);
    }

    @Override
    public void rowMax(EjmlTensor xTensor, EjmlTensor outTensor) {
        DMatrixRMaj x = (DMatrixRMaj) xTensor.matrix;
        DMatrixRMaj out = (DMatrixRMaj) outTensor.matrix;
        CommonOps_DDRM.maxRows(x, out);
    }

    @Override
    public void rowLogSumExp(EjmlTensor xTensor, EjmlTensor outTensor) {
        DMatrixRMaj x = (DMatrixRMaj) xTensor.matrix;
        DMatrixRMaj out = (DMatrixRMaj) outTensor.matrix;
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
    public void argmaxRows(EjmlTensor xTensor, int[] out) {
        DMatrixRMaj x = (DMatrixRMaj) xTensor.matrix;
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

    @Override
    public void im2col(EjmlTensor x, Window2d window, EjmlTensor columns) {
        Float64ArrayConvolution.im2col(elements(x), x.shape(), window, elements(columns));
    }

    @Override
    public void col2im(EjmlTensor columns, Window2d window, EjmlTensor dx) {
        Float64ArrayConvolution.col2im(elements(columns), window, elements(dx), dx.shape());
    }

    @Override
    public void channelsLast(EjmlTensor x, EjmlTensor out) {
        Float64ArrayConvolution.channelsLast(elements(x), x.shape(), elements(out));
    }

    @Override
    public void channelsFirst(EjmlTensor x, EjmlTensor out) {
        Float64ArrayConvolution.channelsFirst(elements(x), elements(out), out.shape());
    }

    @Override
    public void maxPool2d(EjmlTensor x, Window2d window, EjmlTensor y, EjmlTensor argmax) {
        Float64ArrayConvolution.maxPool2d(elements(x), x.shape(), window, elements(y), elements(argmax));
    }

    @Override
    public void maxPool2dBackward(EjmlTensor dy, EjmlTensor argmax, Window2d window, EjmlTensor dx) {
        Float64ArrayConvolution.maxPool2dBackward(elements(dy), elements(argmax), window, elements(dx), dx.shape());
    }

    @Override
    public void avgPool2d(EjmlTensor x, Window2d window, EjmlTensor y) {
        Float64ArrayConvolution.avgPool2d(elements(x), x.shape(), window, elements(y));
    }

    @Override
    public void avgPool2dBackward(EjmlTensor dy, Window2d window, EjmlTensor dx) {
        Float64ArrayConvolution.avgPool2dBackward(elements(dy), window, elements(dx), dx.shape());
    }

    /**
     * The SPI's composition with the bias added by the final permute ({@code channelsFirst} with bias),
     * one pass over the output fewer; the same values.
     */
    @Override
    public void conv2d(Backend ops, EjmlTensor x, EjmlTensor weights, EjmlTensor bias, Window2d window, EjmlTensor columns,
            EjmlTensor channelsLast, EjmlTensor y) {
        Float64ArrayConvolution.im2col(elements(x), x.shape(), window, elements(columns));
        ops.gemm(false, true, 1, columns, weights, 0, channelsLast);
        Float64ArrayConvolution.channelsFirst(elements(channelsLast), elements(bias), elements(y), y.shape());
    }

    /**
     * The SPI's composition with the bias gradient summed by the permute of {@code dy}
     * ({@code channelsLast} with sums), one pass over {@code dy} fewer.
     */
    @Override
    public void conv2dBackward(Backend ops, EjmlTensor x, EjmlTensor weights, Window2d window, EjmlTensor dy, EjmlTensor columns,
            EjmlTensor channelsLast, EjmlTensor dWeights, EjmlTensor dBias, EjmlTensor dx) {
        Float64ArrayConvolution.channelsLast(elements(dy), dy.shape(), elements(channelsLast), elements(dBias));
        ops.gemm(true, false, 1, channelsLast, columns, 0, dWeights);
        if (dx != null) {
            ops.gemm(false, false, 1, channelsLast, weights, 0, columns);
            Float64ArrayConvolution.col2im(elements(columns), window, elements(dx), dx.shape());
        }
    }

    /** The tensor's row-major elements. */
    private static double[] elements(EjmlTensor t) {
        return ((DMatrixRMaj) t.matrix).data;
    }
}
