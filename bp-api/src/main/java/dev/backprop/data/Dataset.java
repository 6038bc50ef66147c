package dev.backprop.data;

import java.util.Arrays;

/**
 * Samples in memory: a feature row and a target row each, stored row-major. Immutable; validated on
 * creation (non-empty, rectangular, finite), so a training run never starts on bad numbers.
 */
public final class Dataset {

    private final double[] features;
    private final double[] targets;
    private final int size;
    private final int featureCount;
    private final int targetCount;

    private Dataset(double[] features, double[] targets, int size, int featureCount, int targetCount) {
        this.features = features;
        this.targets = targets;
        this.size = size;
        this.featureCount = featureCount;
        this.targetCount = targetCount;
    }

    /**
     * A data set of {@code features[i]} with {@code targets[i]}; the arrays are copied.
     *
     * @throws IllegalArgumentException if empty, ragged, of different lengths or not finite; the
     *     message names the first offending row
     */
    public static Dataset of(double[][] features, double[][] targets) {
        if (features == null || features.length == 0) {
            throw new IllegalArgumentException("the data set is empty: need at least one sample");
        }
        if (targets == null || targets.length != features.length) {
            throw new IllegalArgumentException("features have " + features.length + " rows but targets have "
                    + (targets == null ? 0 : targets.length));
        }
        int featureCount = features[0] == null ? 0 : features[0].length;
        int targetCount = targets[0] == null ? 0 : targets[0].length;
        if (featureCount == 0 || targetCount == 0) {
            throw new IllegalArgumentException("samples need at least one feature and one target value");
        }
        Matrices.checkRows("features", features, featureCount);
        Matrices.checkRows("targets", targets, targetCount);
        return new Dataset(flatten(features, featureCount), flatten(targets, targetCount), features.length,
                featureCount, targetCount);
    }

    private static double[] flatten(double[][] rows, int width) {
        double[] flat = new double[Math.multiplyExact(rows.length, width)];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * width, width);
        }
        return flat;
    }

    /** Number of samples, at least 1. */
    public int size() {
        return size;
    }

    /** Columns of a feature row. */
    public int featureCount() {
        return featureCount;
    }

    /** Columns of a target row. */
    public int targetCount() {
        return targetCount;
    }

    /**
     * Copies the feature rows {@code rows[from .. from+count)} into {@code out}, row-major from 0.
     *
     * @param out modified: {@code count * featureCount()} values
     */
    public void copyFeatures(int[] rows, int from, int count, double[] out) {
        gather(features, featureCount, rows, from, count, out);
    }

    /** As {@link #copyFeatures}, for target rows. */
    public void copyTargets(int[] rows, int from, int count, double[] out) {
        gather(targets, targetCount, rows, from, count, out);
    }

    /** A copy of feature row {@code row}. */
    public double[] features(int row) {
        return Arrays.copyOfRange(features, row * featureCount, (row + 1) * featureCount);
    }

    /** A copy of target row {@code row}. */
    public double[] targets(int row) {
        return Arrays.copyOfRange(targets, row * targetCount, (row + 1) * targetCount);
    }

    private static void gather(double[] source, int width, int[] rows, int from, int count, double[] out) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(source, rows[from + i] * width, out, i * width, width);
        }
    }
}
