package dev.backprop.spark;

import dev.backprop.train.GradientSum;

/** One partition's part of one global batch, summed on a replica whose parameters are the current ones. */
final class PartitionSum {

    private PartitionSum() {
    }

    /**
     * Gathers the rows of {@code order[batchFrom, batchTo)} that partition {@code partition} holds (data-set rows
     * {@code [rowFrom, rowTo)}), in batch order, and sums their gradients.
     */
    static Partial compute(WorkerModels.Replica replica, Shard shard, int[] order, int batchFrom, int batchTo,
            int rowFrom, int rowTo, int partition) {
        int rows = 0;
        for (int i = batchFrom; i < batchTo; i++) {
            if (order[i] >= rowFrom && order[i] < rowTo) {
                rows++;
            }
        }
        if (rows == 0) {
            return Partial.empty(partition);
        }
        if (replica.features.length < rows * shard.featureCount()) {
            replica.features = new double[rows * shard.featureCount()];
            replica.targets = new double[rows * shard.targetCount()];
        }
        int at = 0;
        for (int i = batchFrom; i < batchTo; i++) {
            if (order[i] >= rowFrom && order[i] < rowTo) {
                shard.copyRow(order[i] - rowFrom, at++, replica.features, replica.targets);
            }
        }
        double[] sum = new double[replica.gradients.length()];
        GradientSum.Totals totals = replica.gradients.compute(replica.features, replica.targets, rows, sum);
        return new Partial(partition, rows, totals.lossSum(), totals.correct(), sum);
    }
}
