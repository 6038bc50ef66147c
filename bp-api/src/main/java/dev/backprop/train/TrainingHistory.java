package dev.backprop.train;

import java.util.List;

/**
 * What a {@link Trainer#fit} run did, epoch by epoch.
 *
 * @param epochs one result per completed epoch
 * @param stoppedEarly whether early stopping ended the run before the planned epochs
 * @param bestEpoch the epoch with the lowest validation loss (the last epoch without validation data);
 *     with {@link EarlyStopping#restoreBest()} the model holds that epoch's parameters
 */
public record TrainingHistory(List<EpochResult> epochs, boolean stoppedEarly, int bestEpoch) {

    /** Copies the list. */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** The last epoch's mean training loss. */
    public double finalLoss() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch completed");
        }
        return epochs.get(epochs.size() - 1).loss();
    }
}
