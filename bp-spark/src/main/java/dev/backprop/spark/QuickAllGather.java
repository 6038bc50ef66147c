package dev.backprop.spark;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.BarrierTaskContext;

/**
 * {@code BarrierTaskContext.allGather} without its one-second naps. Spark (3.5.x, and master at the time
 * of writing) waits for the coordinator's answer in a loop that sleeps {@code Thread.sleep(1000)} between
 * looks at the answer, and takes an {@code InterruptedException} as a cue to look again (and to fail the
 * task only if it was killed); see {@code BarrierTaskContext.runBarrier} in Spark's
 * {@code core/src/main/scala/org/apache/spark/BarrierTaskContext.scala}. So every allGather lasts a whole
 * second unless the answer is there at the first look, which it never is. This class interrupts the waiting
 * task thread every {@link #WAKE_MICROS} microseconds while it is inside allGather, so Spark's loop looks
 * again that often, and clears the interrupt flag afterwards. A task that Spark kills still fails at once.
 */
final class QuickAllGather {

    static final long WAKE_MICROS = 500;

    private static final ScheduledExecutorService WAKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "backprop-barrier-waker");
        thread.setDaemon(true);
        return thread;
    });

    private QuickAllGather() {
    }

    /** The messages of every task of the stage, indexed by partition id. */
    static String[] allGather(BarrierTaskContext context, String message) {
        Thread task = Thread.currentThread();
        Waking waking = new Waking(task);
        ScheduledFuture<?> waker = WAKER.scheduleAtFixedRate(waking, WAKE_MICROS, WAKE_MICROS, TimeUnit.MICROSECONDS);
        try {
            return context.allGather(message);
        } finally {
            waking.stop();
            waker.cancel(false);
            Thread.interrupted();
        }
    }

    /** Interrupts the task thread until stopped; after {@link #stop} returns it interrupts no more. */
    private static final class Waking implements Runnable {
        private final Thread task;
        private boolean stopped;

        Waking(Thread task) {
            this.task = task;
        }

        @Override
        public synchronized void run() {
            if (!stopped) {
                task.interrupt();
            }
        }

        synchronized void stop() {
            stopped = true;
        }
    }
}
