package dev.backprop.backend.nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * How much the floor of a memory series rose over a window: the lowest value of the window's last
 * third minus the lowest value of its first third.
 *
 * <p>Memory measured after a garbage collection is noisy only upwards: garbage whose native memory or
 * reference bookkeeping has not been released yet adds to a sample, and goes away by the next one.
 * A single high sample therefore says nothing; a leak raises every later sample, and with it the
 * floor. Comparing floors (minima of several samples) instead of the first sample with the largest
 * is what makes the check insensitive to one-off spikes and still proportional to a steady leak
 * (about two thirds of what leaked over the window).
 */
final class MemoryFloor {

    private MemoryFloor() {
    }

    /** The rise of the floor of {@code metric} over {@code window}, which needs at least three samples. */
    static <T> long growth(List<T> window, ToLongFunction<T> metric) {
        if (window.size() < 3) {
            throw new IllegalArgumentException("a floor needs at least 3 samples, got " + window.size());
        }
        long[] values = window.stream().mapToLong(metric).toArray();
        int third = values.length / 3;
        long first = Arrays.stream(values, 0, third).min().orElseThrow();
        long last = Arrays.stream(values, values.length - third, values.length).min().orElseThrow();
        return last - first;
    }
}
