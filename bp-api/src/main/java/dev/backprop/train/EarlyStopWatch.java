package dev.backprop.train;

/**
 * The best validation loss so far and how many epochs ago it was, for {@link EarlyStopping}; without
 * validation data every epoch counts as the best.
 */
final class EarlyStopWatch {

    private final EarlyStopping settings;
    private final boolean validated;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int sinceBest;
    private boolean stopped;

    /**
     * @param settings null when early stopping is off
     * @param validated whether there is validation data whose loss is watched
     */
    EarlyStopWatch(EarlyStopping settings, boolean validated) {
        this.settings = settings;
        this.validated = validated;
    }

    /**
     * Records the validation loss of {@code epoch} of {@code epochs}.
     *
     * @return whether this epoch is the best so far and its parameters should be kept
     */
    boolean record(int epoch, int epochs, double validationLoss) {
        if (!validated) {
            bestEpoch = epoch;
            return false;
        }
        if (validationLoss < bestLoss - (settings != null ? settings.minDelta() : 0)) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            sinceBest = 0;
            return settings != null && settings.restoreBest();
        }
        sinceBest++;
        stopped = settings != null && sinceBest >= settings.patience() && epoch < epochs;
        return false;
    }

    /** Whether training should stop now. */
    boolean stopped() {
        return stopped;
    }

    /** The best epoch so far (the last one without validation data), 0 before the first. */
    int bestEpoch() {
        return bestEpoch;
    }

    /** Whether the best epoch's parameters should replace the last epoch's at the end. */
    boolean restoreBestAfter(int lastEpoch) {
        return settings != null && settings.restoreBest() && bestEpoch > 0 && bestEpoch != lastEpoch;
    }
}
