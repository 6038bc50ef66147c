package dev.backprop.spi;

/**
 * Op family: larger operations that the framework needs often enough that a backend may want one
 * kernel for them. Each is a default method composed from the required ops in {@link ComposedOps},
 * which is also where its derivative is written down; a backend may override it with a faster kernel
 * that computes the same values (the conformance kit tests both paths).
 *
 * <p>Unless stated otherwise, outputs may not alias inputs.
 */
public interface FusedOps extends RequiredOps {

    /**
     * Backward pass of the logistic sigmoid, from its output: {@code dz = dy * y * (1 - y)}.
     *
     * @param y the sigmoid's output, not modified
     * @param dy gradient of the loss with respect to {@code y}, not modified
     * @param dz modified: gradient with respect to the sigmoid's input
     */
    default void sigmoidBackward(Tensor y, Tensor dy, Tensor dz) {
        ComposedOps.sigmoidBackward(this, y, dy, dz);
    }

    /** Backward pass of tanh, from its output: {@code dz = dy * (1 - y^2)}. */
    default void tanhBackward(Tensor y, Tensor dy, Tensor dz) {
        ComposedOps.tanhBackward(this, y, dy, dz);
    }

    /**
     * Leaky ReLU {@code y = z > 0 ? z : slope * z} for {@code 0 <= slope <= 1} ({@code slope = 0} is
     * ReLU); {@code y} must not be {@code z}.
     */
    default void leakyRelu(Tensor z, double slope, Tensor y) {
        ComposedOps.leakyRelu(this, z, slope, y);
    }

    /**
     * Backward pass of leaky ReLU, from its input: {@code dz = dy * (z > 0 ? 1 : slope)}; the
     * derivative at 0 is {@code slope}, as in PyTorch.
     */
    default void leakyReluBackward(Tensor z, double slope, Tensor dy, Tensor dz) {
        ComposedOps.leakyReluBackward(this, z, slope, dy, dz);
    }

    /**
     * Row-wise softmax {@code y[i][j] = e^(z[i][j] - lse_i)} with {@code lse_i} the stable
     * log-sum-exp of row i.
     *
     * @param rowScratch rows×1, overwritten
     */
    default void softmax(Tensor z, Tensor rowScratch, Tensor y) {
        ComposedOps.softmax(this, z, rowScratch, y);
    }

    /**
     * Backward pass of row-wise softmax, from its output:
     * {@code dz[i][j] = y[i][j] * (dy[i][j] - sum_k dy[i][k] * y[i][k])}.
     *
     * @param rowScratch rows×1, overwritten
     */
    default void softmaxBackward(Tensor y, Tensor dy, Tensor rowScratch, Tensor dz) {
        ComposedOps.softmaxBackward(this, y, dy, rowScratch, dz);
    }

    /**
     * Softmax cross-entropy on logits, mean over the batch:
     * {@code L = -(1/B) sum_i sum_j t[i][j] * log softmax(z)[i][j]}, and its gradient
     * {@code dz = (softmax(z) - t) / B}, which assumes every target row sums to 1 (one-hot or a
     * probability distribution). Stable for logits of any finite magnitude.
     *
     * @param logits B×K, not modified
     * @param targets B×K, not modified
     * @param rowScratch B×1, overwritten
     * @param gradient B×K, modified
     * @return the loss {@code L}
     */
    default double softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor rowScratch, Tensor gradient) {
        return ComposedOps.softmaxCrossEntropy(this, logits, targets, rowScratch, gradient);
    }

    /**
     * One Adam update of {@code param} in place, as PyTorch computes it:
     * <pre>
     * m = beta1 * m + (1 - beta1) * g
     * v = beta2 * v + (1 - beta2) * g²
     * param = param - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
     * </pre>
     *
     * @param param modified
     * @param gradient not modified
     * @param m first moment, modified
     * @param v second moment, modified
     * @param scratch same shape, overwritten
     */
    default void adamUpdate(Tensor param, Tensor gradient, Tensor m, Tensor v, Tensor scratch, AdamStep step) {
        ComposedOps.adamUpdate(this, param, gradient, m, v, scratch, step);
    }
}
