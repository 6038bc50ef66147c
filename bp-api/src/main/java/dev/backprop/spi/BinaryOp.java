package dev.backprop.spi;

/**
 * Element-wise functions of two arguments, for {@link ElementwiseOps#binary}. Each constant's
 * {@link #apply(double, double)} is the definition a backend must match.
 */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD {
        @Override
        public double apply(double a, double b) {
            return a + b;
        }
    },
    /** {@code a - b}. */
    SUB {
        @Override
        public double apply(double a, double b) {
            return a - b;
        }
    },
    /** {@code a * b}. */
    MUL {
        @Override
        public double apply(double a, double b) {
            return a * b;
        }
    },
    /** {@code a / b}. */
    DIV {
        @Override
        public double apply(double a, double b) {
            return a / b;
        }
    },
    /** {@code max(a, b)}; if one is NaN, NaN or the other operand (native libraries differ). */
    MAX {
        @Override
        public double apply(double a, double b) {
            return Math.max(a, b);
        }
    },
    /** {@code min(a, b)}; if one is NaN, NaN or the other operand (native libraries differ). */
    MIN {
        @Override
        public double apply(double a, double b) {
            return Math.min(a, b);
        }
    };

    /** The function's value, in float64. */
    public abstract double apply(double a, double b);
}
