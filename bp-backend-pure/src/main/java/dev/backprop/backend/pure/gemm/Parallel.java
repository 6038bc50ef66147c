package dev.backprop.backend.pure.gemm;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs the stripes of one product on the calling thread and on {@code CORES - 1} daemon threads of
 * its own. Not the common fork-join pool: its workers clear their thread-locals after every task
 * (JDK 17), which would reallocate the GEMM's packing buffers on every call.
 */
final class Parallel {

    /** Stripes a large product is split into: one per core. */
    static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final ExecutorService WORKERS = CORES == 1 ? null : Executors.newFixedThreadPool(CORES - 1,
            new Daemons());

    private Parallel() {
    }

    /** {@code body.accept(s)} for every stripe {@code s} in {@code [0, stripes)}; returns when all are done. */
    static void run(int stripes, IntConsumer body) {
        if (stripes == 1 || WORKERS == null) {
            for (int s = 0; s < stripes; s++) {
                body.accept(s);
            }
            return;
        }
        Future<?>[] forked = new Future<?>[stripes - 1];
        for (int s = 1; s < stripes; s++) {
            int stripe = s;
            forked[s - 1] = WORKERS.submit(() -> body.accept(stripe));
        }
        body.accept(0);
        boolean interrupted = false;
        try {
            for (Future<?> task : forked) {
                while (true) {
                    try {
                        task.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a GEMM stripe failed", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Daemons implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "backprop-gemm-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
