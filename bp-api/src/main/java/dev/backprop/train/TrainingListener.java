package dev.backprop.train;

/**
 * Receives progress from a {@link Trainer}: the loss of every batch and every epoch. Called on the
 * training thread; keep it quick. Library code does not print, so progress bars and logs live in
 * listeners.
 */
public interface TrainingListener {

    /** After every optimizer step. */
    default void onBatchEnd(BatchResult result) {
    }

    /** After every epoch. */
    default void onEpochEnd(EpochResult result) {
    }
}
