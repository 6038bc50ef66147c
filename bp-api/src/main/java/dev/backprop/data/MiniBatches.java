package dev.backprop.data;

import dev.backprop.init.SeededRandom;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Mini-batch iteration over a {@link Dataset}: each {@link #epoch()} visits every sample once, in an
 * order shuffled by a {@link SeededRandom} that carries over from epoch to epoch (so the same seed gives
 * the same sequence of batches on every backend), in batches of {@code batchSize} (the last may be
 * smaller). A batch's arrays are reused: they are valid until the iterator's next {@code next()}.
 */
public final class MiniBatches {

    private final Dataset data;
    private final int batchSize;
    private final SeededRandom random;
    private final int[] order;
    private double[] features = new double[0];
    private double[] targets = new double[0];

    /**
     * One batch: {@code rows} samples, row-major.
     *
     * @param features {@code rows * featureCount} values (the array may be longer)
     * @param targets {@code rows * targetCount} values (the array may be longer)
     * @param rows samples in the batch
     * @param number 1-based batch number within the epoch
     */
    public record Batch(double[] features, double[] targets, int rows, int number) {

        /** The class of row {@code row}: the index of the largest of its {@code classes} target values. */
        public int targetClass(int row, int classes) {
            int from = row * classes;
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (targets[from + j] > targets[from + best]) {
                    best = j;
                }
            }
            return best;
        }
    }

    MiniBatches(Dataset data, int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.random = shuffle ? new SeededRandom(seed) : null;
        this.order = new int[data.size()];
        Arrays.setAll(order, i -> i);
    }

    /** Batches per epoch. */
    public int count() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** The batches of the next epoch (reshuffled first when shuffling). */
    public Iterator<Batch> epoch() {
        if (random != null) {
            random.shuffle(order);
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < data.size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int rows = Math.min(batchSize, data.size() - next);
                features = ensure(features, rows * data.featureCount());
                targets = ensure(targets, rows * data.targetCount());
                data.copyFeatures(order, next, rows, features);
                data.copyTargets(order, next, rows, targets);
                next += rows;
                return new Batch(features, targets, rows, (next + batchSize - 1) / batchSize);
            }
        };
    }

    private static double[] ensure(double[] array, int length) {
        return array.length >= length ? array : new double[length];
    }
}
