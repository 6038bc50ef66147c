package dev.backprop.conformance.selftest;

import dev.backprop.conformance.BackendConformance;
import dev.backprop.spi.AdamStep;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BackendProvider;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.ComposedOps;
import dev.backprop.spi.DType;
import dev.backprop.spi.ShapeCheck;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.UnaryOp;
import java.util.Arrays;

/**
 * Faulty backends for the fault classes of issue 8, written as a reviewer would write them: each is
 * the reference backend with one plausible bug (a fast path, a blocked loop, a cache, an
 * approximation). {@link KitCatchesMutantsTest} requires the named check to fail for each. Grouped by
 * class: parameter values, sizes, inputs modified, stale reads, accuracy, optimizer horizon, golden
 * values.
 */
final class FaultClassMutants {

    private FaultClassMutants() {
    }

    private static double[] values(Backend b, Tensor t) {
        return b.toArray(t);
    }

    // ------------------------------------------------ 1. parameter values never exercised

    /** GEMM that accumulates into c (beta taken as 1) whenever 0 < beta < 1. */
    static final class GemmFractionalBetaAccumulates extends ForwardingBackend {
        GemmFractionalBetaAccumulates(Backend delegate) {
            super(delegate);
        }

        @Override
        public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            delegate.gemm(ta, tb, alpha, a, b, beta > 0 && beta < 1 ? 1 : beta, c);
        }
    }

    /** GEMM that drops the sign of a negative beta. */
    static final class GemmNegativeBetaLosesSign extends ForwardingBackend {
        GemmNegativeBetaLosesSign(Backend delegate) {
            super(delegate);
        }

        @Override
        public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            delegate.gemm(ta, tb, alpha, a, b, Math.abs(beta), c);
        }
    }

    /** Affine with shift 0 taken down a scaling fast path that ignores the sign of the scale. */
    static final class AffineZeroShiftDropsSign extends ForwardingBackend {
        AffineZeroShiftDropsSign(Backend delegate) {
            super(delegate);
        }

        @Override
        public void affine(Tensor x, double scale, double shift, Tensor out) {
            delegate.affine(x, shift == 0 ? Math.abs(scale) : scale, shift, out);
        }
    }

    /** Linear combination whose scalars pass through a float parameter, even for float64 tensors. */
    static final class LinearScalarsAsFloat extends ForwardingBackend {
        LinearScalarsAsFloat(Backend delegate) {
            super(delegate);
        }

        @Override
        public void linear(double alpha, Tensor a, double beta, Tensor b, Tensor out) {
            delegate.linear((float) alpha, a, (float) beta, b, out);
        }
    }

    // ------------------------------------------------ 2. sizes that hide size-dependent faults

    /** Blocked GEMM that, above k = 128, unrolls the inner loop by 4 and drops the {@code k mod 4} remainder. */
    static final class GemmDropsKRemainderAbove128 extends ForwardingBackend {
        GemmDropsKRemainderAbove128(Backend delegate) {
            super(delegate);
        }

        @Override
        public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            ShapeCheck.gemm(ta, tb, a, b, c);
            int k = ta ? a.rows() : a.cols();
            if (k <= 128 || k % 4 == 0) {
                delegate.gemm(ta, tb, alpha, a, b, beta, c);
                return;
            }
            int m = c.rows();
            int n = c.cols();
            int kept = k - k % 4;
            double[] av = values(delegate, a);
            double[] bv = values(delegate, b);
            double[] cv = values(delegate, c);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < kept; p++) {
                        sum += (ta ? av[p * a.cols() + i] : av[i * a.cols() + p])
                                * (tb ? bv[j * b.cols() + p] : bv[p * b.cols() + j]);
                    }
                    cv[i * n + j] = beta == 0 ? alpha * sum : alpha * sum + beta * cv[i * n + j];
                }
            }
            delegate.upload(cv, 0, c);
        }
    }

    /** Column sums that skip the last row once there are more than 64 rows. */
    static final class SumColumnsDropsLastRowAbove64 extends ForwardingBackend {
        SumColumnsDropsLastRowAbove64(Backend delegate) {
            super(delegate);
        }

        @Override
        public void sumColumns(Tensor x, Tensor out) {
            ShapeCheck.reduction("sumColumns", x, out, 1, x.cols());
            int rows = x.rows() > 64 ? x.rows() - 1 : x.rows();
            double[] v = values(delegate, x);
            double[] sums = new double[x.cols()];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < x.cols(); j++) {
                    sums[j] += v[i * x.cols() + j];
                }
            }
            delegate.upload(sums, 0, out);
        }
    }

    /** A sum vectorised by 8 that, above 4,096 elements, forgets the tail. */
    static final class SumDropsTailAbove4096 extends ForwardingBackend {
        SumDropsTailAbove4096(Backend delegate) {
            super(delegate);
        }

        @Override
        public double sum(Tensor x) {
            double[] v = values(delegate, x);
            int n = v.length > 4096 ? v.length - v.length % 8 : v.length;
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += v[i];
            }
            return x.dtype().round(s);
        }
    }

    /** A dot product unrolled by 16 that, above 2,048 elements, forgets the tail. */
    static final class DotDropsTailAbove2048 extends ForwardingBackend {
        DotDropsTailAbove2048(Backend delegate) {
            super(delegate);
        }

        @Override
        public double dot(Tensor a, Tensor b) {
            double[] av = values(delegate, a);
            double[] bv = values(delegate, b);
            int n = av.length > 2048 ? av.length - av.length % 16 : av.length;
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += av[i] * bv[i];
            }
            return a.dtype().round(s);
        }
    }

    /** Broadcast that, for a square matrix, reads an n×1 column vector as a 1×n row vector. */
    static final class ColumnVectorReadAsRowOnSquare extends ForwardingBackend {
        ColumnVectorReadAsRowOnSquare(Backend delegate) {
            super(delegate);
        }

        @Override
        public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
            boolean squareWithColumn = a.rows() == a.cols() && a.rows() > 1 && b.cols() == 1 && b.rows() == a.rows();
            if (!squareWithColumn) {
                delegate.binary(op, a, b, out);
                return;
            }
            try (Tensor asRow = delegate.fromArray(b.dtype(), 1, b.rows(), values(delegate, b))) {
                delegate.binary(op, a, asRow, out);
            }
        }
    }

    /** Row sums that skip the last column once rows are longer than 256. */
    static final class SumRowsDropsLastColumnAbove256 extends ForwardingBackend {
        SumRowsDropsLastColumnAbove256(Backend delegate) {
            super(delegate);
        }

        @Override
        public void sumRows(Tensor x, Tensor out) {
            ShapeCheck.reduction("sumRows", x, out, x.rows(), 1);
            int cols = x.cols() > 256 ? x.cols() - 1 : x.cols();
            double[] v = values(delegate, x);
            double[] sums = new double[x.rows()];
            for (int i = 0; i < x.rows(); i++) {
                for (int j = 0; j < cols; j++) {
                    sums[i] += v[i * x.cols() + j];
                }
            }
            delegate.upload(sums, 0, out);
        }
    }

    /** Row maxima that, for rows longer than 32, scan one element short. */
    static final class RowMaxMissesLastColumnAbove32 extends ForwardingBackend {
        RowMaxMissesLastColumnAbove32(Backend delegate) {
            super(delegate);
        }

        @Override
        public void rowMax(Tensor x, Tensor out) {
            ShapeCheck.reduction("rowMax", x, out, x.rows(), 1);
            int cols = x.cols() > 32 ? x.cols() - 1 : x.cols();
            double[] v = values(delegate, x);
            double[] max = new double[x.rows()];
            for (int i = 0; i < x.rows(); i++) {
                max[i] = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    max[i] = Math.max(max[i], v[i * x.cols() + j]);
                }
            }
            delegate.upload(max, 0, out);
        }
    }

    /** Row maxima that start from 0 instead of the first element, so all-negative rows come out 0. */
    static final class RowMaxStartsAtZero extends ForwardingBackend {
        RowMaxStartsAtZero(Backend delegate) {
            super(delegate);
        }

        @Override
        public void rowMax(Tensor x, Tensor out) {
            ShapeCheck.reduction("rowMax", x, out, x.rows(), 1);
            double[] v = values(delegate, x);
            double[] max = new double[x.rows()];
            for (int i = 0; i < x.rows(); i++) {
                for (int j = 0; j < x.cols(); j++) {
                    max[i] = Math.max(max[i], v[i * x.cols() + j]);
                }
            }
            delegate.upload(max, 0, out);
        }
    }

    /** An argmax that, in its vectorised path for rows longer than 32, keeps the last of tied maxima. */
    static final class ArgmaxLastTieAbove32 extends ForwardingBackend {
        ArgmaxLastTieAbove32(Backend delegate) {
            super(delegate);
        }

        @Override
        public void argmaxRows(Tensor x, int[] out) {
            if (x.cols() <= 32) {
                delegate.argmaxRows(x, out);
                return;
            }
            double[] v = values(delegate, x);
            for (int i = 0; i < x.rows(); i++) {
                int best = 0;
                for (int j = 1; j < x.cols(); j++) {
                    if (v[i * x.cols() + j] >= v[i * x.cols() + best]) {
                        best = j;
                    }
                }
                out[i] = best;
            }
        }
    }

    /** GEMM that skips the transpose of a when a is square, "since the shapes already match". */
    static final class GemmIgnoresTransposeOfSquareA extends ForwardingBackend {
        GemmIgnoresTransposeOfSquareA(Backend delegate) {
            super(delegate);
        }

        @Override
        public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            delegate.gemm(ta && a.rows() != a.cols(), tb, alpha, a, b, beta, c);
        }
    }

    // ------------------------------------------------ 3. inputs modified

    /** Softmax cross-entropy that leaves the log-softmax in the logits it was given. */
    static final class SoftmaxCrossEntropyOverwritesLogits extends ForwardingBackend {
        SoftmaxCrossEntropyOverwritesLogits(Backend delegate) {
            super(delegate);
        }

        @Override
        public double softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor rowScratch, Tensor gradient) {
            double loss = ComposedOps.softmaxCrossEntropy(this, logits, targets, rowScratch, gradient);
            rowLogSumExp(logits, rowScratch);
            binary(BinaryOp.SUB, logits, rowScratch, logits);
            return loss;
        }
    }

    /** GEMM that applies alpha by scaling a in place, then multiplies with alpha 1. */
    static final class GemmScalesAInPlace extends ForwardingBackend {
        GemmScalesAInPlace(Backend delegate) {
            super(delegate);
        }

        @Override
        public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            if (alpha != 1 && a != c && b != c) {
                delegate.affine(a, alpha, 0, a);
                alpha = 1;
            }
            delegate.gemm(ta, tb, alpha, a, b, beta, c);
        }
    }

    /** Unary ops computed in place in x, then copied to out. */
    static final class UnaryWorksInItsInput extends ForwardingBackend {
        UnaryWorksInItsInput(Backend delegate) {
            super(delegate);
        }

        @Override
        public void unary(UnaryOp op, Tensor x, Tensor out) {
            ShapeCheck.elementwise("unary", x, out);
            delegate.unary(op, x, x);
            delegate.copy(x, out);
        }
    }

    /** A sigmoid backward kernel that uses dy as its scratch buffer. */
    static final class SigmoidBackwardUsesDyAsScratch extends ForwardingBackend {
        SigmoidBackwardUsesDyAsScratch(Backend delegate) {
            super(delegate);
        }

        @Override
        public void sigmoidBackward(Tensor y, Tensor dy, Tensor dz) {
            ComposedOps.checkBackward("sigmoidBackward", y, dy, dz);
            delegate.binary(BinaryOp.MUL, dy, y, dy);
            delegate.affine(y, -1, 1, dz);
            delegate.binary(BinaryOp.MUL, dz, dy, dz);
        }
    }

    // ------------------------------------------------ 4. stale reads

    /** A host-copy cache that an in-place op (out is an input) forgets to drop. */
    static final class StaleAfterInPlaceOp extends CachingBackend {
        StaleAfterInPlaceOp(Backend delegate) {
            super(delegate);
        }

        @Override
        boolean writes(String op, Tensor out, Tensor... inputs) {
            return Arrays.stream(inputs).noneMatch(in -> in == out);
        }
    }

    /** A host-copy cache that {@code copy} forgets to drop for its destination. */
    static final class StaleAfterCopy extends CachingBackend {
        StaleAfterCopy(Backend delegate) {
            super(delegate);
        }

        @Override
        boolean writes(String op, Tensor out, Tensor... inputs) {
            return !op.equals("copy");
        }
    }

    // ------------------------------------------------ 5. accuracy: ulps and tails

    /** Sigmoid as {@code (1 + tanh(x/2)) / 2}: right in the middle, cancels to garbage in the left tail. */
    static final class SigmoidFromTanh extends ForwardingBackend {
        SigmoidFromTanh(Backend delegate) {
            super(delegate);
        }

        @Override
        public void unary(UnaryOp op, Tensor x, Tensor out) {
            if (op != UnaryOp.SIGMOID) {
                delegate.unary(op, x, out);
                return;
            }
            delegate.affine(x, 0.5, 0, out);
            delegate.unary(UnaryOp.TANH, out, out);
            delegate.affine(out, 0.5, 0.5, out);
        }
    }

    /** A fast float32 exp that keeps 17 significant bits. */
    static final class Float32ExpKeeps17Bits extends ForwardingBackend {
        Float32ExpKeeps17Bits(Backend delegate) {
            super(delegate);
        }

        @Override
        public void unary(UnaryOp op, Tensor x, Tensor out) {
            delegate.unary(op, x, out);
            if (op == UnaryOp.EXP && out.dtype() == DType.FLOAT32) {
                double[] v = values(delegate, out);
                for (int i = 0; i < v.length; i++) {
                    v[i] = Float.intBitsToFloat(Float.floatToRawIntBits((float) v[i]) & ~0x7f);
                }
                delegate.upload(v, 0, out);
            }
        }
    }

    /** tanh as {@code (e^2x - 1) / (e^2x + 1)}: saturates correctly, loses relative accuracy near 0. */
    static final class TanhFromExp extends ForwardingBackend {
        TanhFromExp(Backend delegate) {
            super(delegate);
        }

        @Override
        public void unary(UnaryOp op, Tensor x, Tensor out) {
            if (op != UnaryOp.TANH) {
                delegate.unary(op, x, out);
                return;
            }
            ShapeCheck.elementwise("unary", x, out);
            double[] v = values(delegate, x);
            for (int i = 0; i < v.length; i++) {
                double e = Math.exp(2 * v[i]);
                v[i] = Math.abs(v[i]) > 20 ? Math.signum(v[i]) : Double.isNaN(v[i]) ? v[i] : (e - 1) / (e + 1);
            }
            delegate.upload(v, 0, out);
        }
    }

    /** Sigmoid that saturates to 0 below -30, "where it is 0 anyway". */
    static final class SigmoidZeroBelowMinus30 extends ForwardingBackend {
        SigmoidZeroBelowMinus30(Backend delegate) {
            super(delegate);
        }

        @Override
        public void unary(UnaryOp op, Tensor x, Tensor out) {
            if (op != UnaryOp.SIGMOID) {
                delegate.unary(op, x, out);
                return;
            }
            double[] in = values(delegate, x);
            delegate.unary(op, x, out);
            double[] v = values(delegate, out);
            for (int i = 0; i < v.length; i++) {
                if (in[i] < -30) {
                    v[i] = 0;
                }
            }
            delegate.upload(v, 0, out);
        }
    }

    /** Unary results below 1e-100 in magnitude flushed to +0 (a too-eager denormal guard). */
    static final class TinyUnaryResultsFlushedToZero extends ForwardingBackend {
        TinyUnaryResultsFlushedToZero(Backend delegate) {
            super(delegate);
        }

        @Override
        public void unary(UnaryOp op, Tensor x, Tensor out) {
            delegate.unary(op, x, out);
            double[] v = values(delegate, out);
            for (int i = 0; i < v.length; i++) {
                if (Math.abs(v[i]) < 1e-100) {
                    v[i] = 0.0;
                }
            }
            delegate.upload(v, 0, out);
        }
    }

    /** An exp that saturates overflow to the largest finite value instead of infinity. */
    static final class ExpOverflowSaturates extends ForwardingBackend {
        ExpOverflowSaturates(Backend delegate) {
            super(delegate);
        }

        @Override
        public void unary(UnaryOp op, Tensor x, Tensor out) {
            delegate.unary(op, x, out);
            if (op == UnaryOp.EXP) {
                delegate.clamp(out, Double.NEGATIVE_INFINITY, out.dtype() == DType.FLOAT64 ? Double.MAX_VALUE
                        : Float.MAX_VALUE, out);
            }
        }
    }

    /** A softmax cross-entropy kernel that assumes one-hot targets: the gradient subtracts a one at each row's argmax. */
    static final class SoftmaxCrossEntropyAssumesOneHot extends ForwardingBackend {
        SoftmaxCrossEntropyAssumesOneHot(Backend delegate) {
            super(delegate);
        }

        @Override
        public double softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor rowScratch, Tensor gradient) {
            double loss = ComposedOps.softmaxCrossEntropy(this, logits, targets, rowScratch, gradient);
            int rows = targets.rows();
            int cols = targets.cols();
            int[] label = new int[rows];
            argmaxRows(targets, label);
            double[] g = values(delegate, gradient);
            double[] t = values(delegate, targets);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    g[i * cols + j] += (t[i * cols + j] - (j == label[i] ? 1 : 0)) / rows;
                }
            }
            delegate.upload(g, 0, gradient);
            return loss;
        }
    }

    // ------------------------------------------------ 6. optimizer horizon

    /** Adam whose bias correction stops changing after step 20. */
    static final class AdamBiasCorrectionFrozenAfter20 extends ForwardingBackend {
        AdamBiasCorrectionFrozenAfter20(Backend delegate) {
            super(delegate);
        }

        @Override
        public void adamUpdate(Tensor param, Tensor gradient, Tensor m, Tensor v, Tensor scratch, AdamStep step) {
            ComposedOps.adamUpdate(this, param, gradient, m, v, scratch, new AdamStep(step.learningRate(),
                    step.beta1(), step.beta2(), step.epsilon(), Math.min(step.step(), 20)));
        }
    }

    /** Adam that drops both bias corrections after step 50, "where they are about 1". */
    static final class AdamBiasCorrectionDroppedAfter50 extends ForwardingBackend {
        AdamBiasCorrectionDroppedAfter50(Backend delegate) {
            super(delegate);
        }

        @Override
        public void adamUpdate(Tensor param, Tensor gradient, Tensor m, Tensor v, Tensor scratch, AdamStep step) {
            ComposedOps.adamUpdate(this, param, gradient, m, v, scratch, new AdamStep(step.learningRate(),
                    step.beta1(), step.beta2(), step.epsilon(), step.step() > 50 ? Long.MAX_VALUE : step.step()));
        }
    }

    /** Adam with epsilon added inside the square root, {@code sqrt(v̂ + eps)}. */
    static final class AdamEpsilonInsideSqrt extends ForwardingBackend {
        AdamEpsilonInsideSqrt(Backend delegate) {
            super(delegate);
        }

        @Override
        public void adamUpdate(Tensor param, Tensor gradient, Tensor m, Tensor v, Tensor scratch, AdamStep step) {
            ComposedOps.checkAdam(param, gradient, m, v, scratch);
            linear(step.beta1(), m, 1 - step.beta1(), gradient, m);
            binary(BinaryOp.MUL, gradient, gradient, scratch);
            linear(step.beta2(), v, 1 - step.beta2(), scratch, v);
            affine(v, 1 / step.biasCorrection2(), step.epsilon(), scratch);
            unary(UnaryOp.SQRT, scratch, scratch);
            binary(BinaryOp.DIV, m, scratch, scratch);
            linear(1, param, -step.learningRate() / step.biasCorrection1(), scratch, param);
        }
    }

    // ------------------------------------------------ 7. golden values

    /** tanh off by one part in ten million: the PyTorch fixtures' 1e-9 tolerance sees it. */
    static final class TanhOffBy1e7 extends ForwardingBackend {
        TanhOffBy1e7(Backend delegate) {
            super(delegate);
        }

        @Override
        public void unary(UnaryOp op, Tensor x, Tensor out) {
            delegate.unary(op, x, out);
            if (op == UnaryOp.TANH) {
                delegate.affine(out, 1 + 1e-7, 0, out);
            }
        }
    }

    // ------------------------------------------------ the kit, run against each

    static final class GemmFractionalBetaAccumulatesMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(GemmFractionalBetaAccumulates::new);
        }
    }

    static final class GemmNegativeBetaLosesSignMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(GemmNegativeBetaLosesSign::new);
        }
    }

    static final class AffineZeroShiftDropsSignMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(AffineZeroShiftDropsSign::new);
        }
    }

    static final class LinearScalarsAsFloatMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(LinearScalarsAsFloat::new);
        }
    }

    static final class GemmDropsKRemainderAbove128Mutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(GemmDropsKRemainderAbove128::new);
        }
    }

    static final class SumColumnsDropsLastRowAbove64Mutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(SumColumnsDropsLastRowAbove64::new);
        }
    }

    static final class SumDropsTailAbove4096Mutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(SumDropsTailAbove4096::new);
        }
    }

    static final class DotDropsTailAbove2048Mutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(DotDropsTailAbove2048::new);
        }
    }

    static final class ColumnVectorReadAsRowOnSquareMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(ColumnVectorReadAsRowOnSquare::new);
        }
    }

    static final class SumRowsDropsLastColumnAbove256Mutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(SumRowsDropsLastColumnAbove256::new);
        }
    }

    static final class RowMaxMissesLastColumnAbove32Mutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(RowMaxMissesLastColumnAbove32::new);
        }
    }

    static final class RowMaxStartsAtZeroMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(RowMaxStartsAtZero::new);
        }
    }

    static final class ArgmaxLastTieAbove32Mutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(ArgmaxLastTieAbove32::new);
        }
    }

    static final class GemmIgnoresTransposeOfSquareAMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(GemmIgnoresTransposeOfSquareA::new);
        }
    }

    static final class ExpOverflowSaturatesMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(ExpOverflowSaturates::new);
        }
    }

    static final class SoftmaxCrossEntropyAssumesOneHotMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(SoftmaxCrossEntropyAssumesOneHot::new);
        }
    }

    static final class AdamEpsilonInsideSqrtMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(AdamEpsilonInsideSqrt::new);
        }
    }

    static final class SoftmaxCrossEntropyOverwritesLogitsMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(SoftmaxCrossEntropyOverwritesLogits::new);
        }
    }

    static final class GemmScalesAInPlaceMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(GemmScalesAInPlace::new);
        }
    }

    static final class UnaryWorksInItsInputMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(UnaryWorksInItsInput::new);
        }
    }

    static final class SigmoidBackwardUsesDyAsScratchMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(SigmoidBackwardUsesDyAsScratch::new);
        }
    }

    static final class StaleAfterInPlaceOpMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(StaleAfterInPlaceOp::new);
        }
    }

    static final class StaleAfterCopyMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(StaleAfterCopy::new);
        }
    }

    static final class SigmoidFromTanhMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(SigmoidFromTanh::new);
        }
    }

    static final class Float32ExpKeeps17BitsMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(Float32ExpKeeps17Bits::new);
        }
    }

    static final class TanhFromExpMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(TanhFromExp::new);
        }
    }

    static final class SigmoidZeroBelowMinus30Mutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(SigmoidZeroBelowMinus30::new);
        }
    }

    static final class TinyUnaryResultsFlushedToZeroMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(TinyUnaryResultsFlushedToZero::new);
        }
    }

    static final class AdamBiasCorrectionFrozenAfter20Mutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(AdamBiasCorrectionFrozenAfter20::new);
        }
    }

    static final class AdamBiasCorrectionDroppedAfter50Mutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(AdamBiasCorrectionDroppedAfter50::new);
        }
    }

    static final class TanhOffBy1e7Mutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(TanhOffBy1e7::new);
        }
    }
}
