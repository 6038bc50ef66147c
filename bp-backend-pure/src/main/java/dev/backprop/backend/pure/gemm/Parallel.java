package dev.backprop.backend.pure.gemm;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the stripes of one product on the calling thread and on {@code CORES - 1} daemon threads of its
 * own, handing each worker its stripe directly (a volatile field and {@link LockSupport#unpark}): a
 * product allocates nothing, where an executor allocated a task, a future and a queue node per stripe
 * (about 1 KB of garbage per training step of the MLP). Not the common fork-join pool either: its
 * workers clear their thread-locals after every task (JDK 17), which would reallocate the GEMM's
 * packing buffers on every call. One product at a time uses the workers; a thread that finds them busy
 * (several threads training at once) runs its stripes itself, as the cores are taken anyway.
 */
final class Parallel {

    /** Stripes a large product is split into: one per core. */
    static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** Spins before a waiting thread parks: a stripe usually ends within microseconds of the caller's. */
    private static final int SPINS = 1 << 12;

    private static final Worker[] WORKERS = startWorkers(CORES - 1);
    private static final AtomicBoolean IN_USE = new AtomicBoolean();

    private Parallel() {
    }

    /** The stripes of one product; {@link #run(int)} is called once per stripe, possibly on other threads. */
    interface Job {
        /** Computes stripe {@code stripe}. */
        void run(int stripe);
    }

    /**
     * {@code job.run(s)} for every stripe {@code s} in {@code [0, stripes)}, at most {@link #CORES} of them;
     * returns when all are done, rethrowing the first failure.
     */
    static void run(int stripes, Job job) {
        if (stripes > CORES) {
            throw new IllegalArgumentException(stripes + " stripes for " + CORES + " cores");
        }
        if (stripes == 1 || !IN_USE.compareAndSet(false, true)) {
            for (int s = 0; s < stripes; s++) {
                job.run(s);
            }
            return;
        }
        try {
            Thread caller = Thread.currentThread();
            for (int s = 1; s < stripes; s++) {
                WORKERS[s - 1].hand(job, s, caller);
            }
            Throwable failure = null;
            try {
                job.run(0);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            for (int s = 1; s < stripes; s++) {
                Throwable workerFailure = WORKERS[s - 1].await();
                if (failure == null) {
                    failure = workerFailure;
                }
            }
            rethrow(failure);
        } finally {
            IN_USE.set(false);
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException("a GEMM stripe failed", failure);
        }
    }

    private static Worker[] startWorkers(int count) {
        Worker[] workers = new Worker[count];
        for (int i = 0; i < count; i++) {
            workers[i] = new Worker("backprop-gemm-" + (i + 1));
            workers[i].start();
        }
        return workers;
    }

    /** A daemon thread that runs one stripe at a time when handed one. */
    private static final class Worker extends Thread {
        private volatile Job job;
        private int stripe;
        private Thread caller;
        private Throwable failure;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        /** Hands over a stripe (the volatile write of {@code job} publishes the other fields). */
        void hand(Job task, int index, Thread waiting) {
            stripe = index;
            caller = waiting;
            failure = null;
            job = task;
            LockSupport.unpark(this);
        }

        /** Waits until the stripe is done; its failure, or null. */
        Throwable await() {
            for (int i = 0; job != null && i < SPINS; i++) {
                Thread.onSpinWait();
            }
            while (job != null) {
                LockSupport.park(this);
            }
            return failure;
        }

        @Override
        public void run() {
            while (true) {
                Job task;
                while ((task = job) == null) {
                    LockSupport.park(this);
                }
                try {
                    task.run(stripe);
                } catch (Throwable e) {
                    failure = e;
                }
                Thread waiting = caller;
                job = null;
                LockSupport.unpark(waiting);
            }
        }
    }
}
