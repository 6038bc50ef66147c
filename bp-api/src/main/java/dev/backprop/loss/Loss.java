package dev.backprop.loss;

import dev.backprop.nn.Activation;
import dev.backprop.spi.Backend;
import dev.backprop.spi.Tensor;
import java.util.Locale;

/**
 * A loss: the mean over a batch of how far predictions are from targets, and its gradient with
 * respect to the predictions. All three losses reduce by the mean, as PyTorch's defaults do.
 *
 * <p>An instance keeps buffers sized for the last batch, so use one instance per training run and
 * thread.
 */
public interface Loss extends AutoCloseable {

    /** Id used on the command line and in model files: {@code mse}, {@code binary_cross_entropy}, ... */
    String id();

    /**
     * Computes the loss of {@code prediction} against {@code target} (same shape) and keeps the
     * gradient for {@link #backward()}.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    double forward(Backend backend, Tensor prediction, Tensor target);

    /** {@code dL/d(prediction)} of the last {@link #forward}, owned by the loss. */
    Tensor backward();

    /**
     * Whether this loss takes the input of a final {@code activation} layer instead of its output,
     * computing activation and loss in one stable step (softmax cross-entropy absorbs softmax).
     */
    default boolean absorbs(Activation activation) {
        return false;
    }

    /** Releases the loss's buffers. */
    @Override
    void close();

    /** Mean squared error, {@code L = (1/N) sum (y - t)²} over all N elements (PyTorch's {@code MSELoss}). */
    static Loss mse() {
        return new MeanSquaredError();
    }

    /**
     * Binary cross-entropy on probabilities, {@code L = -(1/N) sum t log y + (1 - t) log(1 - y)} over
     * all N elements, each log clamped at -100 as PyTorch's {@code BCELoss} does.
     */
    static Loss binaryCrossEntropy() {
        return new BinaryCrossEntropy();
    }

    /**
     * Softmax cross-entropy on logits, {@code L = -(1/B) sum_i sum_j t_ij log softmax(z_i)_j}, stable
     * for logits of any magnitude. Absorbs a final softmax layer.
     */
    static Loss softmaxCrossEntropy() {
        return new SoftmaxCrossEntropy();
    }

    /** A new loss from its {@link #id()}; the message lists the accepted ids. */
    static Loss parse(String id) {
        return switch (id.trim().toLowerCase(Locale.ROOT)) {
            case MeanSquaredError.ID -> mse();
            case BinaryCrossEntropy.ID -> binaryCrossEntropy();
            case SoftmaxCrossEntropy.ID -> softmaxCrossEntropy();
            default -> throw new IllegalArgumentException("Unknown loss '" + id + "'; expected " + MeanSquaredError.ID
                    + ", " + BinaryCrossEntropy.ID + " or " + SoftmaxCrossEntropy.ID);
        };
    }
}
