package dev.backprop.spark;

import dev.backprop.optim.ReplicableOptimizer;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * One barrier task's epoch: it keeps its partition's shard and model replica for every step of the
 * epoch. Each step it sums its rows' gradients, exchanges the sum with every other task through
 * {@code BarrierTaskContext.allGather}, adds all sums in partition order and applies the optimizer
 * itself, so every task holds the same parameters without a round trip to the driver. Partition 0
 * returns the result once every task has finished the epoch. Every attempt starts from the plan's parameters and optimizer state, so a stage
 * that Spark restarts after a failed task gives the same result.
 */
final class EpochTask extends AbstractFunction1<Iterator<Shard>, Iterator<EpochOutcome>> implements Serializable {

    private final EpochPlan plan;

    EpochTask(EpochPlan plan) {
        this.plan = plan;
    }

    @Override
    public Iterator<EpochOutcome> apply(Iterator<Shard> shards) {
        BarrierTaskContext context = BarrierTaskContext.get();
        int partition = context.partitionId();
        Shard shard = shards.next();
        while (true) {
            WorkerModels.Replica replica = WorkerModels.get(plan.training(), partition, plan.spec(), plan.lossId(),
                    plan.backendName());
            synchronized (replica) {
                if (!replica.closed) {
                    context.killTaskIfInterrupted();
                    EpochOutcome outcome = run(context, partition, shard, replica);
                    FaultInjection.maybeFail(partition);
                    // No task ends before all have finished the epoch: if one fails, the others are still
                    // waiting here and are killed with it. (Were they to end, Spark 3.5 could register their
                    // outputs after the failure and run the next stage attempt with too few tasks, which
                    // then wait for the missing ones for ever.)
                    QuickAllGather.allGather(context, "");
                    List<EpochOutcome> result = partition == 0 ? List.of(outcome) : Collections.emptyList();
                    return CollectionConverters.asScala(result.iterator());
                }
            }
        }
    }

    private EpochOutcome run(BarrierTaskContext context, int partition, Shard shard, WorkerModels.Replica replica) {
        int batches = plan.batches();
        int[] rows = new int[batches];
        double[] lossSums = new double[batches];
        int[] correct = new int[batches];
        replica.upload(plan.parameters());
        try (ReplicableOptimizer optimizer = plan.optimizer().build()) {
            optimizer.importState(replica.model.parameters(), plan.optimizerState());
            StepUpdate update = new StepUpdate(plan.lossId(), plan.maxGradientNorm(),
                    Math.toIntExact(replica.model.parameterCount()));
            int[] order = plan.order();
            for (int b = 0; b < batches; b++) {
                int from = b * plan.batchSize();
                int to = Math.min(order.length, from + plan.batchSize());
                Partial own = PartitionSum.compute(replica, shard, order, from, to, plan.offsets()[partition],
                        plan.offsets()[partition + 1], partition);
                // allGather answers with the messages indexed by partition id, whatever order they arrived in:
                // ContextBarrierState.handleRequest in Spark's BarrierCoordinator.scala stores
                // messages(request.partitionId) = request.message and replies messages.clone() (checked in the
                // spark-core 3.5.7 bytecode); StepTotals.add still checks the order.
                String[] messages = QuickAllGather.allGather(context, PartialCodec.encode(own));
                StepTotals totals;
                try {
                    totals = update.apply(PartialCodec.decodeAll(messages), replica.model, optimizer, plan.epoch(),
                            b + 1, batches);
                } catch (IllegalStateException e) {
                    return outcome(replica, optimizer, rows, lossSums, correct, b, e.getMessage());
                }
                rows[b] = totals.rows();
                lossSums[b] = totals.lossSum();
                correct[b] = totals.correct();
            }
            return outcome(replica, optimizer, rows, lossSums, correct, batches, null);
        }
    }

    private static EpochOutcome outcome(WorkerModels.Replica replica, ReplicableOptimizer optimizer, int[] rows,
            double[] lossSums, int[] correct, int steps, String diverged) {
        return new EpochOutcome(replica.download(), optimizer.exportState(replica.model.parameters()),
                Arrays.copyOf(rows, steps), Arrays.copyOf(lossSums, steps),
                Arrays.copyOf(correct, steps), diverged);
    }
}
