package dev.backprop.init;

/**
 * A small, fully specified pseudo-random generator: SplitMix64 (Steele, Lea and Flood, 2014) for
 * 64-bit values, 53-bit uniform doubles and Box-Muller normals. Written out here, rather than taken
 * from {@link java.util.Random} or {@link java.util.SplittableRandom}, so that the numbers, and with
 * them every initial weight and every shuffle, are the same on every JDK and every backend.
 * Not thread-safe.
 */
public final class SeededRandom {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;
    private double spareNormal = Double.NaN;

    /** A generator whose sequence is fixed by {@code seed}. */
    public SeededRandom(long seed) {
        this.state = seed;
    }

    /**
     * An independent generator for stream number {@code stream} of {@code seed}, e.g. one per layer,
     * so that adding a layer does not change the others' draws.
     */
    public static SeededRandom forStream(long seed, long stream) {
        return new SeededRandom(mix(seed ^ mix(stream + GOLDEN_GAMMA)));
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in {@code [0, 1)}, with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {@code [low, high)}. */
    public double nextDouble(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Uniform in {@code [0, bound)}, without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long limit = (1L << 32) - ((1L << 32) % bound);
        while (true) {
            long bits = nextLong() >>> 32;
            if (bits < limit) {
                return (int) (bits % bound);
            }
        }
    }

    /** Standard normal, by the Box-Muller transform (two draws give two normals). */
    public double nextGaussian() {
        if (!Double.isNaN(spareNormal)) {
            double value = spareNormal;
            spareNormal = Double.NaN;
            return value;
        }
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        double radius = Math.sqrt(-2.0 * Math.log(u1));
        double angle = 2.0 * Math.PI * u2;
        spareNormal = radius * Math.sin(angle);
        return radius * Math.cos(angle);
    }

    /** Shuffles {@code values} in place (Fisher-Yates). */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
