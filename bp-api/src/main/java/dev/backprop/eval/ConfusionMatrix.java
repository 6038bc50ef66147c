package dev.backprop.eval;

import java.util.Arrays;

/**
 * Counts of (true class, predicted class) pairs. Row {@code t}, column {@code p}: samples of class
 * {@code t} predicted as {@code p}.
 */
public final class ConfusionMatrix {

    private final long[][] counts;

    /** An empty matrix for {@code classes} classes. */
    public ConfusionMatrix(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        }
        counts = new long[classes][classes];
    }

    /** Adds one sample. */
    public void add(int actual, int predicted) {
        counts[actual][predicted]++;
    }

    /** Number of classes. */
    public int classes() {
        return counts.length;
    }

    /** Samples of class {@code actual} predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** All samples. */
    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    /** Share of samples predicted correctly; NaN when empty. */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return total() == 0 ? Double.NaN : (double) correct / total();
    }

    /** Of the samples predicted as {@code c}, the share that are {@code c}; NaN when none were. */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? Double.NaN : (double) counts[c][c] / predicted;
    }

    /** Of the samples of class {@code c}, the share predicted as {@code c}; NaN when there are none. */
    public double recall(int c) {
        long actual = Arrays.stream(counts[c]).sum();
        return actual == 0 ? Double.NaN : (double) counts[c][c] / actual;
    }

    /** Harmonic mean of precision and recall; NaN when either is. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
