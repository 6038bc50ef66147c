package dev.backprop.spark;

import dev.backprop.nn.ModelSpec;
import dev.backprop.train.GradientSum;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;

/**
 * One training step on one partition: sets the replica's parameters to the driver's, gathers the
 * partition's samples of the global batch (in batch order) and returns their gradient sum.
 * Everything it reads is in the task, so a retried task computes the same {@link Partial}.
 */
final class StepTask implements Function2<Integer, Iterator<Shard>, Iterator<Partial>> {

    private final String training;
    private final ModelSpec spec;
    private final String lossId;
    private final String backendName;
    private final double[] parameters;
    private final int[] batch;
    private final int[] offsets;

    /**
     * @param training id of the training run, which keys the executors' replicas
     * @param backendName the executors' backend, or {@code null} for the usual rules
     * @param parameters every parameter, flat, as {@link GradientSum} lays out gradients
     * @param batch the global batch: data-set rows, in batch order
     * @param offsets partition {@code p} holds rows {@code [offsets[p], offsets[p+1])}
     */
    StepTask(String training, ModelSpec spec, String lossId, String backendName, double[] parameters, int[] batch,
            int[] offsets) {
        this.training = training;
        this.spec = spec;
        this.lossId = lossId;
        this.backendName = backendName;
        this.parameters = parameters;
        this.batch = batch;
        this.offsets = offsets;
    }

    @Override
    public Iterator<Partial> call(Integer partition, Iterator<Shard> shards) {
        FaultInjection.maybeFail(partition);
        Shard shard = shards.next();
        while (true) {
            WorkerModels.Replica replica = WorkerModels.get(training, partition, spec, lossId, backendName);
            synchronized (replica) {
                if (!replica.closed) {
                    replica.upload(parameters);
                    return List.of(PartitionSum.compute(replica, shard, batch, 0, batch.length, offsets[partition],
                            offsets[partition + 1], partition)).iterator();
                }
            }
        }
    }
}
