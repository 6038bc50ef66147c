package dev.backprop.init;

import java.util.Locale;

/**
 * How a weight matrix of {@code fanIn} rows and {@code fanOut} columns gets its initial values.
 * Values are drawn in Java from a {@link SeededRandom} and uploaded, so every backend starts
 * bit-identical.
 */
public enum Initializer {
    /** Glorot and Bengio: {@code U(-a, a)}, {@code a = sqrt(6 / (fanIn + fanOut))}. For sigmoid and tanh. */
    XAVIER_UNIFORM {
        @Override
        double draw(SeededRandom random, int fanIn, int fanOut) {
            double a = Math.sqrt(6.0 / (fanIn + fanOut));
            return random.nextDouble(-a, a);
        }
    },
    /** Glorot and Bengio: {@code N(0, 2 / (fanIn + fanOut))}. */
    XAVIER_NORMAL {
        @Override
        double draw(SeededRandom random, int fanIn, int fanOut) {
            return Math.sqrt(2.0 / (fanIn + fanOut)) * random.nextGaussian();
        }
    },
    /** He et al.: {@code U(-a, a)}, {@code a = sqrt(6 / fanIn)}. For ReLU. */
    HE_UNIFORM {
        @Override
        double draw(SeededRandom random, int fanIn, int fanOut) {
            double a = Math.sqrt(6.0 / fanIn);
            return random.nextDouble(-a, a);
        }
    },
    /** He et al.: {@code N(0, 2 / fanIn)}. */
    HE_NORMAL {
        @Override
        double draw(SeededRandom random, int fanIn, int fanOut) {
            return Math.sqrt(2.0 / fanIn) * random.nextGaussian();
        }
    },
    /** All zeros (biases). */
    ZEROS {
        @Override
        double draw(SeededRandom random, int fanIn, int fanOut) {
            return 0.0;
        }
    };

    abstract double draw(SeededRandom random, int fanIn, int fanOut);

    /** {@code fanIn * fanOut} values in row-major order ({@code fanIn} rows). */
    public double[] values(SeededRandom random, int fanIn, int fanOut) {
        if (fanIn < 1 || fanOut < 1) {
            throw new IllegalArgumentException("fan-in and fan-out must be at least 1, got " + fanIn + ", " + fanOut);
        }
        double[] values = new double[Math.multiplyExact(fanIn, fanOut)];
        for (int i = 0; i < values.length; i++) {
            values[i] = draw(random, fanIn, fanOut);
        }
        return values;
    }

    /**
     * {@code count} values drawn with the given fans, for tensors that are not a {@code fanIn × fanOut}
     * matrix (a convolution's {@code [O, C, kh, kw]} weights have fan-in {@code C·kh·kw} and fan-out
     * {@code O·kh·kw}, as PyTorch counts them).
     */
    public double[] values(SeededRandom random, int fanIn, int fanOut, int count) {
        if (fanIn < 1 || fanOut < 1 || count < 1) {
            throw new IllegalArgumentException("fan-in, fan-out and count must be at least 1, got " + fanIn + ", "
                    + fanOut + ", " + count);
        }
        double[] values = new double[count];
        for (int i = 0; i < values.length; i++) {
            values[i] = draw(random, fanIn, fanOut);
        }
        return values;
    }

    /** Lower-case id, e.g. {@code xavier_uniform}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()} (case-insensitive); the message lists the accepted ids. */
    public static Initializer parse(String id) {
        for (Initializer initializer : values()) {
            if (initializer.id().equalsIgnoreCase(id)) {
                return initializer;
            }
        }
        throw new IllegalArgumentException("Unknown initializer '" + id + "'; expected one of xavier_uniform, "
                + "xavier_normal, he_uniform, he_normal, zeros");
    }
}
