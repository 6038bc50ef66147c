package dev.backprop.train;

import dev.backprop.eval.Evaluation;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The outcome of one epoch.
 *
 * @param epoch 1-based epoch
 * @param epochs epochs planned
 * @param loss mean training loss over the epoch's samples (each batch weighted by its size)
 * @param accuracy training accuracy over the epoch, for a classification
 * @param validation the model evaluated on the validation data after the epoch, if there is any
 * @param learningRate the learning rate of the epoch
 * @param samples samples trained on
 * @param duration wall time of the epoch's training (validation excluded)
 */
public record EpochResult(int epoch, int epochs, double loss, OptionalDouble accuracy,
        Optional<Evaluation> validation, double learningRate, int samples, Duration duration) {

    /** Training throughput of the epoch. */
    public double samplesPerSecond() {
        double seconds = duration.toNanos() / 1e9;
        return seconds > 0 ? samples / seconds : Double.POSITIVE_INFINITY;
    }
}
