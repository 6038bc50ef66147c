package dev.backprop.spark;

import dev.backprop.nn.ModelSpec;
import dev.backprop.optim.ReplicableOptimizer;
import java.io.Serializable;

/**
 * Everything a barrier task needs for one epoch, fixed by the driver before the epoch starts: the
 * epoch's starting parameters and optimizer state, so that a retried stage starts from them again.
 *
 * @param training id of the training run, which keys the executors' replicas
 * @param backendName the executors' backend, or {@code null} for the usual rules
 * @param optimizer the optimizer's settings, with the epoch's learning rate
 * @param parameters every parameter at the epoch's start, flat
 * @param optimizerState the optimizer's state at the epoch's start ({@link ReplicableOptimizer#exportState})
 * @param order the epoch's order of data-set rows; batch {@code b} is {@code order[b·batchSize, ...)}
 * @param offsets partition {@code p} holds rows {@code [offsets[p], offsets[p+1])}
 * @param maxGradientNorm 0 or less: no clipping
 */
record EpochPlan(String training, ModelSpec spec, String lossId, String backendName, ReplicableOptimizer.Recipe optimizer,
        double[] parameters, double[] optimizerState, int[] order, int batchSize, int[] offsets, int epoch,
        double maxGradientNorm) implements Serializable {

    int batches() {
        return (order.length + batchSize - 1) / batchSize;
    }
}
