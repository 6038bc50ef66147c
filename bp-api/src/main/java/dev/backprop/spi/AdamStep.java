package dev.backprop.spi;

/**
 * The scalars of one Adam update (Kingma and Ba; PyTorch's {@code torch.optim.Adam} without
 * weight decay and amsgrad), for {@link FusedOps#adamUpdate}.
 *
 * @param learningRate {@code lr > 0}
 * @param beta1 decay of the first moment, in {@code [0, 1)}
 * @param beta2 decay of the second moment, in {@code [0, 1)}
 * @param epsilon added to {@code sqrt(v̂)}, {@code > 0}
 * @param step the 1-based step number {@code t}, for the bias corrections
 */
public record AdamStep(double learningRate, double beta1, double beta2, double epsilon, long step) {

    /** Validates the ranges above. */
    public AdamStep {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Adam learning rate must be finite and > 0, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam epsilon must be > 0, got " + epsilon);
        }
        if (step < 1) {
            throw new IllegalArgumentException("Adam step must be >= 1, got " + step);
        }
    }

    /** {@code 1 - beta1^t}. */
    public double biasCorrection1() {
        return 1 - Math.pow(beta1, step);
    }

    /** {@code 1 - beta2^t}. */
    public double biasCorrection2() {
        return 1 - Math.pow(beta2, step);
    }
}
