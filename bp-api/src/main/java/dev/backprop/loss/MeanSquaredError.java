package dev.backprop.loss;

import dev.backprop.spi.Backend;
import dev.backprop.spi.Tensor;

/** {@code L = (1/N) sum (y - t)²}; {@code dL/dy = (2/N)(y - t)}. */
final class MeanSquaredError extends LossBuffers {

    static final String ID = "mse";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public double forward(Backend backend, Tensor prediction, Tensor target) {
        prepare(backend, prediction, target);
        double n = (double) prediction.size();
        Tensor diff = buffer(0, prediction.rows(), prediction.cols(), prediction);
        backend.linear(1, prediction, -1, target, diff);
        double loss = backend.dot(diff, diff) / n;
        backend.affine(diff, 2 / n, 0, diff);
        gradient(diff);
        return loss;
    }
}
