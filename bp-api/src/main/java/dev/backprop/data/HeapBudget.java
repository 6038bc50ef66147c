package dev.backprop.data;

import java.util.Locale;

/**
 * How much more the Java heap can hold, so that readers and programs refuse a size that cannot fit
 * with a message instead of an {@link OutOfMemoryError}.
 */
public final class HeapBudget {

    private HeapBudget() {
    }

    /** Bytes the heap can still grow to hold: the maximum ({@code -Xmx}) less what is in use now. */
    public static long available() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /** Whether {@code bytes} more fit in the heap. */
    public static boolean fits(long bytes) {
        return bytes >= 0 && bytes <= available();
    }

    /** {@code bytes} for people: {@code 512 B}, {@code 3.1 MiB}, {@code 12.0 GiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
