package dev.backprop.train;

import java.util.OptionalDouble;

/**
 * The outcome of one training step.
 *
 * @param epoch 1-based epoch
 * @param batch 1-based batch within the epoch
 * @param batchCount batches per epoch
 * @param samples samples in this batch
 * @param loss the batch's mean loss, before the update
 * @param accuracy share of the batch classified correctly before the update, for a classification
 */
public record BatchResult(int epoch, int batch, int batchCount, int samples, double loss, OptionalDouble accuracy) {
}
