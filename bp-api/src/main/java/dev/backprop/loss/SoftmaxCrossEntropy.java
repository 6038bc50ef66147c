package dev.backprop.loss;

import dev.backprop.nn.Activation;
import dev.backprop.spi.Backend;
import dev.backprop.spi.Tensor;

/**
 * {@code L = -(1/B) sum_i sum_j t_ij log softmax(z_i)_j} on logits {@code z}, with
 * {@code dL/dz = (softmax(z) - t) / B}: the SPI's fused {@code softmaxCrossEntropy}. Target rows are
 * one-hot or probability distributions. Needs at least two outputs.
 */
final class SoftmaxCrossEntropy extends LossBuffers {

    static final String ID = "softmax_cross_entropy";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public double forward(Backend backend, Tensor logits, Tensor target) {
        prepare(backend, logits, target);
        if (logits.cols() < 2) {
            throw new IllegalArgumentException("loss " + ID + " needs at least 2 outputs (one per class), the model "
                    + "has " + logits.cols() + ": the softmax of one output is always 1, so the loss is 0 and nothing "
                    + "is learned; for two classes use binary_cross_entropy on a sigmoid output");
        }
        Tensor gradient = buffer(0, logits.rows(), logits.cols(), logits);
        Tensor rows = buffer(1, logits.rows(), 1, logits);
        double loss = backend.softmaxCrossEntropy(logits, target, rows, gradient);
        gradient(gradient);
        return loss;
    }

    @Override
    public boolean absorbs(Activation activation) {
        return activation.kind() == Activation.Kind.SOFTMAX;
    }
}
