package dev.backprop.backend.pure.gemm;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/** Runs the stripes of one product on the calling thread and the common fork-join pool. */
final class Parallel {

    /** Stripes a large product is split into: one per core. */
    static final int CORES = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
            ForkJoinPool.getCommonPoolParallelism() + 1));

    private Parallel() {
    }

    /** {@code body.accept(s)} for every stripe {@code s} in {@code [0, stripes)}; returns when all are done. */
    static void run(int stripes, IntConsumer body) {
        if (stripes == 1) {
            body.accept(0);
            return;
        }
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[stripes - 1];
        for (int s = 1; s < stripes; s++) {
            int stripe = s;
            forked[s - 1] = ForkJoinTask.adapt(() -> body.accept(stripe)).fork();
        }
        body.accept(0);
        for (ForkJoinTask<?> task : forked) {
            task.join();
        }
    }
}
