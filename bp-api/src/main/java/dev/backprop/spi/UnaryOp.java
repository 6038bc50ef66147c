package dev.backprop.spi;

/**
 * Element-wise functions of one argument, for {@link ElementwiseOps#unary}. Each constant's
 * {@link #apply(double)} is the definition a backend must match (in float32 within float32 rounding).
 * NaN in gives NaN out, except for {@link #STEP} (0) and {@link #RELU}, where native libraries
 * differ (NaN or 0); the trainer's finiteness checks do not rely on either.
 */
public enum UnaryOp {
    /** {@code e^x}. */
    EXP {
        @Override
        public double apply(double x) {
            return Math.exp(x);
        }
    },
    /** Natural logarithm {@code ln x}: {@code -inf} at 0, NaN below 0. */
    LOG {
        @Override
        public double apply(double x) {
            return Math.log(x);
        }
    },
    /** {@code sqrt x}. */
    SQRT {
        @Override
        public double apply(double x) {
            return Math.sqrt(x);
        }
    },
    /** {@code x * x}. */
    SQUARE {
        @Override
        public double apply(double x) {
            return x * x;
        }
    },
    /** {@code |x|}. */
    ABS {
        @Override
        public double apply(double x) {
            return Math.abs(x);
        }
    },
    /**
     * Logistic sigmoid {@code 1 / (1 + e^-x)}, evaluated without overflow: for {@code x < 0} as
     * {@code e^x / (1 + e^x)}.
     */
    SIGMOID {
        @Override
        public double apply(double x) {
            if (x >= 0) {
                return 1.0 / (1.0 + Math.exp(-x));
            }
            double e = Math.exp(x);
            return e / (1.0 + e);
        }
    },
    /** Hyperbolic tangent. */
    TANH {
        @Override
        public double apply(double x) {
            return Math.tanh(x);
        }
    },
    /** {@code max(x, 0)}; for NaN, NaN or 0. */
    RELU {
        @Override
        public double apply(double x) {
            return Math.max(x, 0.0);
        }
    },
    /** Heaviside step {@code x > 0 ? 1 : 0}: the derivative of ReLU, 0 at the kink as in PyTorch. */
    STEP {
        @Override
        public double apply(double x) {
            return x > 0 ? 1.0 : 0.0;
        }
    };

    /** The function's value at {@code x}, in float64. */
    public abstract double apply(double x);
}
