package dev.backprop.conformance.selftest;

import dev.backprop.conformance.BackendConformance;
import dev.backprop.conformance.reference.ReferenceBackend;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BackendProvider;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.DType;
import dev.backprop.spi.ShapeCheck;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.UnaryOp;
import java.util.function.Function;

/**
 * Deliberately broken backends, each the kit's reference backend with one fault, and the kit run
 * against each (the nested classes are named {@code *Mutant}, so Surefire does not run them directly;
 * {@link KitCatchesMutantsTest} does, and requires failures).
 */
final class Mutants {

    private Mutants() {
    }

    static BackendProvider provider(Function<Backend, Backend> mutation) {
        return BackendProvider.of("mutant", 0, () -> mutation.apply(new ReferenceBackend()));
    }

    private static double[] values(Backend b, Tensor t) {
        return b.toArray(t);
    }

    /** GEMM that ignores the transpose flag of b: it reads bᵀ's row-major data as if it were b. */
    static final class GemmIgnoresTransposeB extends ForwardingBackend {
        GemmIgnoresTransposeB(Backend delegate) {
            super(delegate);
        }

        @Override
        public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            if (!tb) {
                delegate.gemm(ta, false, alpha, a, b, beta, c);
                return;
            }
            ShapeCheck.gemm(ta, true, a, b, c);
            try (Tensor misread = delegate.fromArray(b.dtype(), b.cols(), b.rows(), values(delegate, b))) {
                delegate.gemm(ta, false, alpha, a, misread, beta, c);
            }
        }
    }

    /** Column sums that drop the last row. */
    static final class ColumnSumDropsLastRow extends ForwardingBackend {
        ColumnSumDropsLastRow(Backend delegate) {
            super(delegate);
        }

        @Override
        public void sumColumns(Tensor x, Tensor out) {
            ShapeCheck.reduction("sumColumns", x, out, 1, x.cols());
            double[] v = values(delegate, x);
            double[] sums = new double[x.cols()];
            for (int i = 0; i < x.rows() - 1; i++) {
                for (int j = 0; j < x.cols(); j++) {
                    sums[j] += v[i * x.cols() + j];
                }
            }
            delegate.upload(sums, 0, out);
        }
    }

    /** A float64 op (the exponential) that silently computes in float32. */
    static final class Float64ExpInFloat32 extends ForwardingBackend {
        Float64ExpInFloat32(Backend delegate) {
            super(delegate);
        }

        @Override
        public void unary(UnaryOp op, Tensor x, Tensor out) {
            delegate.unary(op, x, out);
            if (op == UnaryOp.EXP && out.dtype() == DType.FLOAT64) {
                double[] v = values(delegate, out);
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) v[i];
                }
                delegate.upload(v, 0, out);
            }
        }
    }

    /** The sigmoid derivative computed from the wrong input: as if y were the pre-activation. */
    static final class SigmoidDerivativeFromWrongInput extends ForwardingBackend {
        SigmoidDerivativeFromWrongInput(Backend delegate) {
            super(delegate);
        }

        @Override
        public void sigmoidBackward(Tensor y, Tensor dy, Tensor dz) {
            dev.backprop.spi.ComposedOps.checkBackward("sigmoidBackward", y, dy, dz);
            try (Tensor sigmoidOfY = allocate(y.dtype(), y.rows(), y.cols())) {
                unary(UnaryOp.SIGMOID, y, sigmoidOfY);
                dev.backprop.spi.ComposedOps.sigmoidBackward(this, sigmoidOfY, dy, dz);
            }
        }
    }

    /** Log-sum-exp (and so softmax) without subtracting the row maximum: overflows on large logits. */
    static final class SoftmaxWithoutMaxSubtraction extends ForwardingBackend {
        SoftmaxWithoutMaxSubtraction(Backend delegate) {
            super(delegate);
        }

        @Override
        public void rowLogSumExp(Tensor x, Tensor out) {
            ShapeCheck.reduction("rowLogSumExp", x, out, x.rows(), 1);
            double[] v = values(delegate, x);
            double[] result = new double[x.rows()];
            for (int i = 0; i < x.rows(); i++) {
                double s = 0;
                for (int j = 0; j < x.cols(); j++) {
                    s += Math.exp(x.dtype().round(v[i * x.cols() + j]));
                }
                result[i] = Math.log(x.dtype() == DType.FLOAT32 ? (float) s : s);
            }
            delegate.upload(result, 0, out);
        }
    }

    /** {@code linear} written as {@code out = alpha·a; out += beta·b}: wrong when out is b. */
    static final class LinearBreaksWhenOutputAliasesInput extends ForwardingBackend {
        LinearBreaksWhenOutputAliasesInput(Backend delegate) {
            super(delegate);
        }

        @Override
        public void linear(double alpha, Tensor a, double beta, Tensor b, Tensor out) {
            ShapeCheck.allSameShape("linear", a, b, out);
            delegate.affine(a, alpha, 0, out);
            try (Tensor scaledB = allocate(b.dtype(), b.rows(), b.cols())) {
                delegate.affine(b, beta, 0, scaledB);
                delegate.binary(BinaryOp.ADD, out, scaledB, out);
            }
        }
    }

    /** Bias gradients off by the batch size: column means instead of sums. */
    static final class BiasGradientOffByBatchSize extends ForwardingBackend {
        BiasGradientOffByBatchSize(Backend delegate) {
            super(delegate);
        }

        @Override
        public void sumColumns(Tensor x, Tensor out) {
            delegate.sumColumns(x, out);
            delegate.affine(out, 1.0 / x.rows(), 0, out);
        }
    }

    static final class GemmIgnoresTransposeBMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(GemmIgnoresTransposeB::new);
        }
    }

    static final class ColumnSumDropsLastRowMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(ColumnSumDropsLastRow::new);
        }
    }

    static final class Float64ExpInFloat32Mutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(Float64ExpInFloat32::new);
        }
    }

    static final class SigmoidDerivativeFromWrongInputMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(SigmoidDerivativeFromWrongInput::new);
        }
    }

    static final class SoftmaxWithoutMaxSubtractionMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(SoftmaxWithoutMaxSubtraction::new);
        }
    }

    static final class LinearBreaksWhenOutputAliasesInputMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(LinearBreaksWhenOutputAliasesInput::new);
        }
    }

    static final class BiasGradientOffByBatchSizeMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return Mutants.provider(BiasGradientOffByBatchSize::new);
        }
    }

    /**
     * A backend that promises allocation-free training steps and allocates: the reference backend, which
     * makes arrays per op, claiming the promise (the fault of an eagerly built message or a varargs check).
     */
    static final class AllocatesPerStepMutant extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return ReferenceBackend.provider();
        }

        @Override
        protected boolean allocationFreeSteps() {
            return true;
        }
    }
}
