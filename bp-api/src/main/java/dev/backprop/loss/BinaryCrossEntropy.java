package dev.backprop.loss;

import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.UnaryOp;

/**
 * {@code L = -(1/N) sum [t max(log y, -100) + (1 - t) max(log(1 - y), -100)]} and
 * {@code dL/dy = (y - t) / max(y (1 - y), 1e-12) / N}, both as PyTorch's {@code BCELoss} computes
 * them. Predictions are probabilities (a sigmoid output), targets in {@code [0, 1]} (others are
 * rejected: they would make the loss negative).
 */
final class BinaryCrossEntropy extends LossBuffers {

    static final String ID = "binary_cross_entropy";

    private static final double LOG_FLOOR = -100;
    private static final double DENOMINATOR_FLOOR = 1e-12;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public double forward(Backend backend, Tensor prediction, Tensor target) {
        prepare(backend, prediction, target);
        int rows = prediction.rows();
        int cols = prediction.cols();
        double n = (double) prediction.size();
        Tensor logY = buffer(0, rows, cols, prediction);
        Tensor logOneMinusY = buffer(1, rows, cols, prediction);
        Tensor gradient = buffer(2, rows, cols, prediction);
        checkTargets(backend, target, buffer(3, rows, cols, prediction));

        backend.unary(UnaryOp.LOG, prediction, logY);
        backend.clamp(logY, LOG_FLOOR, Double.POSITIVE_INFINITY, logY);
        backend.affine(prediction, -1, 1, logOneMinusY);
        backend.unary(UnaryOp.LOG, logOneMinusY, logOneMinusY);
        backend.clamp(logOneMinusY, LOG_FLOOR, Double.POSITIVE_INFINITY, logOneMinusY);
        // sum (1 - t) log(1 - y) = sum log(1 - y) - sum t log(1 - y)
        double loss = -(backend.dot(target, logY) + backend.sum(logOneMinusY) - backend.dot(target, logOneMinusY)) / n;

        backend.binary(BinaryOp.MUL, prediction, prediction, gradient);
        backend.binary(BinaryOp.SUB, prediction, gradient, gradient);
        backend.clamp(gradient, DENOMINATOR_FLOOR, Double.POSITIVE_INFINITY, gradient);
        backend.linear(1, prediction, -1, target, logY);
        backend.binary(BinaryOp.DIV, logY, gradient, gradient);
        backend.affine(gradient, 1 / n, 0, gradient);
        gradient(gradient);
        return loss;
    }

    /** Targets outside [0, 1] make the loss negative; {@code t - clamp(t, 0, 1)} is exactly 0 for all others. */
    private static void checkTargets(Backend backend, Tensor target, Tensor outside) {
        backend.clamp(target, 0, 1, outside);
        backend.linear(1, target, -1, outside, outside);
        double squares = backend.dot(outside, outside);
        if (!(squares == 0)) {
            throw new IllegalArgumentException("loss " + ID + " needs targets in [0, 1] (probabilities of the "
                    + "positive class), these have " + (Double.isNaN(squares) ? "NaN" : "values outside") + "; "
                    + "scale them, or use mse for other targets");
        }
    }
}
