package dev.backprop.train;

/**
 * The outcome of one training step.
 *
 * @param epoch 1-based epoch
 * @param batch 1-based batch within the epoch
 * @param batchCount batches per epoch
 * @param samples samples in this batch
 * @param loss the batch's mean loss, before the update
 */
public record BatchResult(int epoch, int batch, int batchCount, int samples, double loss) {
}
