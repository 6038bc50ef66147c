package dev.backprop.nn;

import java.io.Serializable;
import java.util.Locale;

/**
 * An element-wise (or, for softmax, row-wise) activation function.
 *
 * @param kind which function
 * @param slope the negative slope of {@link Kind#LEAKY_RELU}, 0 for every other kind
 */
public record Activation(Kind kind, double slope) implements Serializable {

    /** Default negative slope of leaky ReLU, as in PyTorch. */
    public static final double DEFAULT_LEAKY_SLOPE = 0.01;

    /** The functions. */
    public enum Kind {
        /** {@code y = z}. */
        IDENTITY,
        /** {@code y = 1 / (1 + e^-z)}; {@code dy/dz = y (1 - y)}. */
        SIGMOID,
        /** {@code y = tanh z}; {@code dy/dz = 1 - y²}. */
        TANH,
        /** {@code y = max(z, 0)}; {@code dy/dz = z > 0 ? 1 : 0}. */
        RELU,
        /** {@code y = z > 0 ? z : slope·z}; {@code dy/dz = z > 0 ? 1 : slope}. */
        LEAKY_RELU,
        /**
         * Row-wise {@code y_j = e^(z_j) / sum_k e^(z_k)}. As the last layer with
         * {@link dev.backprop.loss.Loss#softmaxCrossEntropy()} it is fused into the loss during training.
         */
        SOFTMAX;

        /** Lower-case id as in the oracle fixtures and model files, e.g. {@code leaky_relu}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks the slope: in {@code [0, 1]} for leaky ReLU, 0 otherwise. */
    public Activation {
        if (kind == null) {
            throw new IllegalArgumentException("activation kind must not be null");
        }
        if (kind == Kind.LEAKY_RELU ? !(slope >= 0 && slope <= 1) : slope != 0) {
            throw new IllegalArgumentException("slope " + slope + " is invalid for " + kind.id()
                    + (kind == Kind.LEAKY_RELU ? "; expected a value in [0, 1]" : "; only leaky_relu has one"));
        }
    }

    /** {@code y = z}. */
    public static Activation identity() {
        return new Activation(Kind.IDENTITY, 0);
    }

    /** Logistic sigmoid. */
    public static Activation sigmoid() {
        return new Activation(Kind.SIGMOID, 0);
    }

    /** Hyperbolic tangent. */
    public static Activation tanh() {
        return new Activation(Kind.TANH, 0);
    }

    /** Rectified linear unit. */
    public static Activation relu() {
        return new Activation(Kind.RELU, 0);
    }

    /** Leaky ReLU with slope {@value #DEFAULT_LEAKY_SLOPE}. */
    public static Activation leakyRelu() {
        return leakyRelu(DEFAULT_LEAKY_SLOPE);
    }

    /** Leaky ReLU with the given negative slope in {@code [0, 1]}. */
    public static Activation leakyRelu(double slope) {
        return new Activation(Kind.LEAKY_RELU, slope);
    }

    /** Row-wise softmax. */
    public static Activation softmax() {
        return new Activation(Kind.SOFTMAX, 0);
    }

    /**
     * Parses an id: {@code identity}, {@code sigmoid}, {@code tanh}, {@code relu}, {@code leaky_relu}
     * (slope 0.01) or {@code leaky_relu:0.2}, {@code softmax}.
     */
    public static Activation parse(String id) {
        String text = id.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("leaky_relu:")) {
            try {
                return leakyRelu(Double.parseDouble(text.substring("leaky_relu:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad leaky_relu slope in '" + id + "'", e);
            }
        }
        for (Kind kind : Kind.values()) {
            if (kind.id().equals(text)) {
                return kind == Kind.LEAKY_RELU ? leakyRelu() : new Activation(kind, 0);
            }
        }
        throw new IllegalArgumentException("Unknown activation '" + id
                + "'; expected identity, sigmoid, tanh, relu, leaky_relu[:slope] or softmax");
    }

    /** The id {@link #parse} reads back, e.g. {@code sigmoid} or {@code leaky_relu:0.2}. */
    public String id() {
        if (kind == Kind.LEAKY_RELU && slope != DEFAULT_LEAKY_SLOPE) {
            return kind.id() + ":" + slope;
        }
        return kind.id();
    }

    @Override
    public String toString() {
        return id();
    }
}
