package dev.backprop.bench;

import java.util.Arrays;

/**
 * Nanoseconds per operation: after a warm-up, the median of several timed windows. Used by
 * {@link Workloads}, which runs in the side-by-side script next to PyTorch's and DL4J's loops that
 * time the same way.
 */
final class Timing {

    private static final int WINDOWS = 7;

    private Timing() {
    }

    /** Runs {@code operation} for {@code warmupSeconds}, then {@link #WINDOWS} windows of {@code windowSeconds}. */
    static double nanosPerOperation(Runnable operation, double warmupSeconds, double windowSeconds) {
        runFor(operation, (long) (warmupSeconds * 1e9));
        double[] perOperation = new double[WINDOWS];
        for (int w = 0; w < WINDOWS; w++) {
            perOperation[w] = runFor(operation, (long) (windowSeconds * 1e9));
        }
        Arrays.sort(perOperation);
        return perOperation[WINDOWS / 2];
    }

    /** Nanoseconds per operation over at least {@code nanos} (and at least one operation). */
    private static double runFor(Runnable operation, long nanos) {
        long start = System.nanoTime();
        long count = 0;
        long elapsed;
        do {
            operation.run();
            count++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return (double) elapsed / count;
    }
}
