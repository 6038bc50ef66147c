package dev.backprop.train;

import java.util.List;

/**
 * What a {@link Trainer#fit} run did, epoch by epoch.
 *
 * @param epochs one result per completed epoch
 */
public record TrainingHistory(List<EpochResult> epochs) {

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
