package dev.backprop.data;

import dev.backprop.init.SeededRandom;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Samples in memory: a feature row and a target row each. Immutable and validated on creation
 * (non-empty, rectangular, finite features, labels in range), so a training run never starts on bad
 * numbers. Storage is compact where it can be: pixel features stay unsigned bytes, class labels stay
 * {@code int}s and become one-hot rows only when a batch is copied out.
 *
 * <p>{@link #subset} and {@link #split} return views that share the storage.
 */
public final class Dataset {

    private final Rows features;
    private final Rows targets;
    private final int[] labels;
    private final int[] index;

    private Dataset(Rows features, Rows targets, int[] labels, int[] index) {
        this.features = features;
        this.targets = targets;
        this.labels = labels;
        this.index = index;
    }

    /**
     * Features and targets given as rows; the arrays are copied.
     *
     * @throws IllegalArgumentException if empty, ragged, of different lengths or not finite; the
     *     message names the first offending row
     */
    public static Dataset of(double[][] features, double[][] targets) {
        int n = checkRows(features);
        if (targets == null || targets.length != n) {
            throw new IllegalArgumentException("features have " + n + " rows but targets have "
                    + (targets == null ? 0 : targets.length));
        }
        int featureCount = width(features[0], "feature");
        int targetCount = width(targets[0], "target");
        Matrices.checkRows("features", features, featureCount);
        Matrices.checkRows("targets", targets, targetCount);
        return new Dataset(new Rows.Doubles(flatten(features, featureCount), featureCount),
                new Rows.Doubles(flatten(targets, targetCount), targetCount), null, null);
    }

    /**
     * A classification data set: features as rows, targets as class labels in {@code [0, classes)},
     * presented to training as one-hot rows.
     */
    public static Dataset classification(double[][] features, int[] labels, int classes) {
        int n = checkRows(features);
        int featureCount = width(features[0], "feature");
        Matrices.checkRows("features", features, featureCount);
        checkLabels(labels, n, classes);
        return new Dataset(new Rows.Doubles(flatten(features, featureCount), featureCount),
                new Rows.OneHot(labels.clone(), classes), labels.clone(), null);
    }

    /**
     * A classification data set of byte features (pixels), each read as {@code (b & 0xFF) * scale}.
     * The arrays are used as they are, not copied: 60,000 Fashion-MNIST images take 47 MB.
     *
     * @param pixels row-major, {@code labels.length * featureCount} bytes
     */
    public static Dataset ofPixels(byte[] pixels, int featureCount, double scale, int[] labels, int classes) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("the data set is empty: need at least one sample");
        }
        if (featureCount < 1 || (long) labels.length * featureCount != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes do not make " + labels.length
                    + " rows of " + featureCount);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("pixel scale must be finite and > 0, got " + scale);
        }
        checkLabels(labels, labels.length, classes);
        return new Dataset(new Rows.UnsignedBytes(pixels, featureCount, scale), new Rows.OneHot(labels, classes),
                labels, null);
    }

    private static int checkRows(double[][] features) {
        if (features == null || features.length == 0) {
            throw new IllegalArgumentException("the data set is empty: need at least one sample");
        }
        return features.length;
    }

    private static int width(double[] first, String what) {
        if (first == null || first.length == 0) {
            throw new IllegalArgumentException("samples need at least one feature and one target value (first "
                    + what + " row is empty)");
        }
        return first.length;
    }

    private static void checkLabels(int[] labels, int n, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classification needs at least 2 classes, got " + classes);
        }
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException("features have " + n + " rows but there are "
                    + (labels == null ? 0 : labels.length) + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", outside [0, " + classes + ")");
            }
        }
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
        return index != null ? index.length : features.count();
    }

    /** Columns of a feature row. */
    public int featureCount() {
        return features.width();
    }

    /** Columns of a target row (the class count for a classification). */
    public int targetCount() {
        return targets.width();
    }

    /** Whether the targets are class labels. */
    public boolean isClassification() {
        return labels != null;
    }

    /** The class label of sample {@code row}, for a classification. */
    public OptionalInt label(int row) {
        return labels == null ? OptionalInt.empty() : OptionalInt.of(labels[storageRow(row)]);
    }

    /** Every class label in order. */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException("this data set has no class labels");
        }
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[storageRow(i)];
        }
        return out;
    }

    private int storageRow(int row) {
        if (row < 0 || row >= size()) {
            throw new IndexOutOfBoundsException("row " + row + " outside [0, " + size() + ")");
        }
        return index != null ? index[row] : row;
    }

    /**
     * Copies the feature rows {@code rows[from .. from+count)} into {@code out}, row-major from 0.
     *
     * @param out modified: {@code count * featureCount()} values
     */
    public void copyFeatures(int[] rows, int from, int count, double[] out) {
        for (int i = 0; i < count; i++) {
            features.copyRow(storageRow(rows[from + i]), out, i * features.width());
        }
    }

    /** As {@link #copyFeatures}, for target rows (one-hot for a classification). */
    public void copyTargets(int[] rows, int from, int count, double[] out) {
        for (int i = 0; i < count; i++) {
            targets.copyRow(storageRow(rows[from + i]), out, i * targets.width());
        }
    }

    /** A copy of feature row {@code row}. */
    public double[] features(int row) {
        double[] out = new double[featureCount()];
        features.copyRow(storageRow(row), out, 0);
        return out;
    }

    /** A copy of target row {@code row}. */
    public double[] targets(int row) {
        double[] out = new double[targetCount()];
        targets.copyRow(storageRow(row), out, 0);
        return out;
    }

    /**
     * The samples {@code rows} of this data set, in that order, sharing its storage.
     *
     * @throws IllegalArgumentException if empty or a row is out of range
     */
    public Dataset subset(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("a subset needs at least one row");
        }
        int[] mapped = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= size()) {
                throw new IllegalArgumentException("subset row " + rows[i] + " outside [0, " + size() + ")");
            }
            mapped[i] = storageRow(rows[i]);
        }
        return new Dataset(features, targets, labels, mapped);
    }

    /** The first {@code count} samples (all of them if there are fewer). */
    public Dataset head(int count) {
        int n = Math.min(count, size());
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return subset(rows);
    }

    /**
     * A training and a validation part.
     *
     * @param train the samples to train on
     * @param validation the held-out samples
     */
    public record Split(Dataset train, Dataset validation) {
    }

    /**
     * Splits off a seeded random {@code fraction} of the samples for validation.
     *
     * @throws IllegalArgumentException unless both parts get at least one sample
     */
    public Split split(double fraction, long seed) {
        int validation = (int) Math.round(size() * fraction);
        if (!(fraction > 0 && fraction < 1) || validation < 1 || validation >= size()) {
            throw new IllegalArgumentException("a validation fraction of " + fraction + " of " + size()
                    + " samples leaves a part empty; use a value in (0, 1) that gives both parts a sample");
        }
        int[] order = new int[size()];
        Arrays.setAll(order, i -> i);
        new SeededRandom(seed).shuffle(order);
        return new Split(subset(Arrays.copyOfRange(order, validation, order.length)),
                subset(Arrays.copyOfRange(order, 0, validation)));
    }

    /**
     * Mini-batches of this data set, in an order shuffled from {@code seed} every epoch (or in order
     * when {@code shuffle} is false).
     */
    public MiniBatches batches(int batchSize, boolean shuffle, long seed) {
        return new MiniBatches(this, batchSize, shuffle, seed);
    }
}
