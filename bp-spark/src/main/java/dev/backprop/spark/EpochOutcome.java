package dev.backprop.spark;

import java.io.Serializable;

/**
 * What partition 0's barrier task sends the driver after an epoch: the parameters and optimizer state
 * every task ended with, and the global totals of each step (for the listeners). {@code diverged} is
 * the message of a step whose loss or gradient was not finite (every task stops there, having left
 * that step out); null otherwise.
 */
record EpochOutcome(double[] parameters, double[] optimizerState, int[] rows, double[] lossSums, int[] correct,
        String diverged) implements Serializable {
}
