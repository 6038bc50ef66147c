package dev.backprop.spark;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.apache.spark.TaskContext;

/**
 * Lets a test make first attempts of step and epoch tasks fail, to check that Spark's retry gives the same
 * result. Off unless a test in this package sets it; it acts only in JVMs where it is set (in local
 * mode, the driver's).
 */
final class FaultInjection {

    private static volatile IntPredicate failFirstAttempt;
    private static final AtomicInteger INJECTED = new AtomicInteger();

    private FaultInjection() {
    }

    /**
     * From now on, the first attempt of a task on a partition {@code partitions} accepts fails: a step task
     * before its work, a barrier epoch task after its last step (before the final sync). (Spark retries a failed barrier task by
     * running its whole stage again, as a new stage attempt.)
     */
    static void failFirstAttemptOn(IntPredicate partitions) {
        failFirstAttempt = partitions;
    }

    /** Stops failing tasks and sets the count of injected failures back to 0. */
    static void off() {
        failFirstAttempt = null;
        INJECTED.set(0);
    }

    /** How many failures were injected since the last {@link #off}. */
    static int injected() {
        return INJECTED.get();
    }

    static void maybeFail(int partition) {
        IntPredicate fail = failFirstAttempt;
        TaskContext task = TaskContext.get();
        if (fail != null && task != null && task.attemptNumber() == 0 && task.stageAttemptNumber() == 0
                && fail.test(partition)) {
            INJECTED.incrementAndGet();
            throw new IllegalStateException("injected failure of partition " + partition + ", stage "
                    + task.stageId() + ", attempt 0");
        }
    }
}
