package dev.backprop.train;

import java.time.Duration;

/**
 * The outcome of one epoch.
 *
 * @param epoch 1-based epoch
 * @param epochs epochs planned
 * @param loss mean training loss over the epoch's samples (each batch weighted by its size)
 * @param samples samples seen
 * @param duration wall time of the epoch
 */
public record EpochResult(int epoch, int epochs, double loss, int samples, Duration duration) {

    /** Training throughput of the epoch. */
    public double samplesPerSecond() {
        double seconds = duration.toNanos() / 1e9;
        return seconds > 0 ? samples / seconds : Double.POSITIVE_INFINITY;
    }
}
