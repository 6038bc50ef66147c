package dev.backprop.backend.pure.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void everyStripeRunsOnce() {
        for (int round = 0; round < 1000; round++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(Parallel.CORES);
            Parallel.run(Parallel.CORES, runs::incrementAndGet);
            for (int s = 0; s < Parallel.CORES; s++) {
                assertEquals(1, runs.get(s), "stripe " + s + " in round " + round);
            }
        }
    }

    @Test
    void aFailingStripeIsRethrownAndTheWorkersStayUsable() {
        IllegalStateException failure = new IllegalStateException("stripe failed");
        int last = Parallel.CORES - 1;
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Parallel.run(Parallel.CORES,
                s -> {
                    if (s == last) {
                        throw failure;
                    }
                }));
        assertSame(failure, thrown);
        AtomicIntegerArray runs = new AtomicIntegerArray(Parallel.CORES);
        Parallel.run(Parallel.CORES, runs::incrementAndGet);
        for (int s = 0; s < Parallel.CORES; s++) {
            assertEquals(1, runs.get(s));
        }
    }

    @Test
    void moreStripesThanCoresIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.run(Parallel.CORES + 1, s -> { }));
    }

    /** Threads that multiply at once (Spark's local executors): each gets its own product right. */
    @Test
    void concurrentProductsAreEachRight() throws Exception {
        int n = 160;
        Float64PackedGemm gemm = new Float64PackedGemm(new Float64ScalarMicroKernel());
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i * 7 % 13) - 6;
            b[i] = (i * 5 % 11) - 5;
        }
        double[] expected = new double[n * n];
        gemm.gemm(false, false, n, n, n, 1, a, b, 0, expected);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> products = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                products.add(threads.submit(() -> {
                    double[] c = new double[n * n];
                    for (int repeat = 0; repeat < 20; repeat++) {
                        gemm.gemm(false, false, n, n, n, 1, a, b, 0, c);
                    }
                    return c;
                }));
            }
            for (Future<double[]> product : products) {
                assertArrayEquals(expected, product.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
