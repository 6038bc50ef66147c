package dev.backprop.optim;

/**
 * The learning rate of each epoch, from the optimizer's initial rate. The trainer sets it on the
 * optimizer before every epoch.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The rate for {@code epoch} (1-based) of {@code epochs}, starting from {@code initial}.
     */
    double rate(int epoch, int epochs, double initial);

    /** The initial rate throughout. */
    static LearningRateSchedule constant() {
        return (epoch, epochs, initial) -> initial;
    }

    /**
     * Step decay: {@code initial * factor^floor((epoch - 1) / every)}, e.g. halve every 5 epochs.
     *
     * @throws IllegalArgumentException unless {@code every >= 1} and {@code 0 < factor <= 1}
     */
    static LearningRateSchedule step(int every, double factor) {
        if (every < 1 || !(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("step schedule needs every >= 1 and a factor in (0, 1], got " + every
                    + ", " + factor);
        }
        return (epoch, epochs, initial) -> initial * Math.pow(factor, (epoch - 1) / every);
    }

    /**
     * Cosine annealing from {@code initial} at epoch 1 towards {@code minimum} at the last epoch:
     * {@code minimum + (initial - minimum) * (1 + cos(pi * (epoch - 1) / epochs)) / 2}.
     *
     * @throws IllegalArgumentException unless {@code minimum >= 0}
     */
    static LearningRateSchedule cosine(double minimum) {
        if (!(minimum >= 0) || Double.isInfinite(minimum)) {
            throw new IllegalArgumentException("cosine schedule needs a finite minimum >= 0, got " + minimum);
        }
        return (epoch, epochs, initial) -> minimum
                + (initial - minimum) * (1 + Math.cos(Math.PI * (epoch - 1) / epochs)) / 2;
    }
}
