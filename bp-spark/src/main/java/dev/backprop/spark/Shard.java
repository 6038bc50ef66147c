package dev.backprop.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The samples of one partition packed into two row-major arrays: what an executor caches and reads
 * each step. An empty partition has no columns.
 */
final class Shard implements Serializable {

    private final int rows;
    private final int featureCount;
    private final int targetCount;
    private final double[] features;
    private final double[] targets;

    private Shard(int rows, int featureCount, int targetCount, double[] features, double[] targets) {
        this.rows = rows;
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.features = features;
        this.targets = targets;
    }

    /**
     * Packs a partition's samples.
     *
     * @throws IllegalArgumentException if the samples' widths differ
     */
    static Shard of(Iterator<Sample> samples) {
        List<Sample> all = new ArrayList<>();
        samples.forEachRemaining(all::add);
        if (all.isEmpty()) {
            return new Shard(0, 0, 0, new double[0], new double[0]);
        }
        int f = all.get(0).features().length;
        int t = all.get(0).targets().length;
        double[] features = new double[all.size() * f];
        double[] targets = new double[all.size() * t];
        for (int r = 0; r < all.size(); r++) {
            Sample s = all.get(r);
            if (s.features().length != f || s.targets().length != t) {
                throw new IllegalArgumentException("sample " + r + " of a partition has " + s.features().length
                        + " features and " + s.targets().length + " targets, the first has " + f + " and " + t);
            }
            System.arraycopy(s.features(), 0, features, r * f, f);
            System.arraycopy(s.targets(), 0, targets, r * t, t);
        }
        return new Shard(all.size(), f, t, features, targets);
    }

    int rows() {
        return rows;
    }

    int featureCount() {
        return featureCount;
    }

    int targetCount() {
        return targetCount;
    }

    /** Copies local row {@code row} to row {@code at} of the row-major arrays {@code f} and {@code t}. */
    void copyRow(int row, int at, double[] f, double[] t) {
        System.arraycopy(features, row * featureCount, f, at * featureCount, featureCount);
        System.arraycopy(targets, row * targetCount, t, at * targetCount, targetCount);
    }
}
