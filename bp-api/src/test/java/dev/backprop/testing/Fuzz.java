package dev.backprop.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * A small fuzzing harness on plain JUnit 5 for the readers' fuzz tests (bp-api, and through its test-jar
 * bp-io and bp-examples). {@link #check} runs a property on {@code backprop.fuzz.tries} generated inputs
 * (200 unless the system property says otherwise); each try draws its input from a
 * {@link SplittableRandom} seeded with its own seed, derived from {@code backprop.fuzz.seed} (fixed by
 * default, so every build runs the same inputs), and is bounded by a 20 s timeout. A failing try throws an
 * {@link AssertionError} naming the try, its seed (which reproduces it as the first try of a run) and what
 * the input was.
 */
public final class Fuzz {

    /** The default base seed: the same inputs in every build. */
    public static final long DEFAULT_SEED = 0x5EED_BAC4_9209L;
    /** Tries per property unless {@code -Dbackprop.fuzz.tries=N}. */
    public static final int DEFAULT_TRIES = 200;
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private Fuzz() {
    }

    /** A generated input and what it is, for the failure message. */
    public record Sample<T>(T value, String description) {

        /** This sample's value replaced by {@code next}, with {@code step} added to the description. */
        public <U> Sample<U> then(String step, U next) {
            return new Sample<>(next, description + ", " + step);
        }

        /** The same value with {@code detail} added to the description. */
        public Sample<T> with(String detail) {
            return new Sample<>(value, description + ", " + detail);
        }

        @Override
        public String toString() {
            return value instanceof byte[] b ? description + " (" + b.length + " bytes)" : description;
        }
    }

    public static int tries() {
        int tries = Integer.getInteger("backprop.fuzz.tries", DEFAULT_TRIES);
        if (tries < 1) {
            throw new IllegalArgumentException("backprop.fuzz.tries must be at least 1, not " + tries);
        }
        return tries;
    }

    public static long baseSeed() {
        String seed = System.getProperty("backprop.fuzz.seed");
        return seed == null || seed.isBlank() ? DEFAULT_SEED : Long.decode(seed.strip());
    }

    /**
     * Runs {@code property} on {@link #tries()} inputs from {@code generator}. Try 0 uses the base seed, try
     * {@code i + 1} the first {@code nextLong()} of try {@code i}'s seed; so
     * {@code -Dbackprop.fuzz.seed=S -Dbackprop.fuzz.tries=1} reruns exactly the try that reported seed S.
     */
    public static <T> void check(Function<SplittableRandom, Sample<T>> generator, ThrowingConsumer<T> property) {
        String caller = StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "#" + f.getMethodName())
                .orElse("?"));
        check(caller, tries(), baseSeed(), generator, property);
    }

    /** {@link #check(Function, ThrowingConsumer)} with the tries and base seed given, not read from properties. */
    static <T> void check(String caller, int tries, long baseSeed, Function<SplittableRandom, Sample<T>> generator,
            ThrowingConsumer<T> property) {
        long seed = baseSeed;
        for (int i = 0; i < tries; i++) {
            long trySeed = seed;
            Sample<T>[] sample = newSampleHolder();
            try {
                assertTimeoutPreemptively(LIMIT, () -> {
                    sample[0] = generator.apply(new SplittableRandom(trySeed));
                    property.accept(sample[0].value());
                });
            } catch (Throwable e) {
                if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
                    throw (VirtualMachineError) e;
                }
                throw new AssertionError(String.format("%s: try %d of %d failed (seed %d; rerun it with "
                        + "-Dtest='%s' -Dbackprop.fuzz.seed=%d -Dbackprop.fuzz.tries=1)%n  input: %s%n  %s", caller,
                        i + 1, tries, trySeed, caller, trySeed, sample[0] == null ? "(not generated)" : sample[0],
                        e), e);
            }
            seed = new SplittableRandom(seed).nextLong();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Sample<T>[] newSampleHolder() {
        return (Sample<T>[]) new Sample<?>[1];
    }

    // Plain generators and mutations on SplittableRandom, shared by the fuzz tests.

    /** One of {@code choices}, uniformly. */
    public static <T> T pick(SplittableRandom random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** One of {@code originals} (a copy), described by its index and size. */
    public static Sample<byte[]> original(SplittableRandom random, List<byte[]> originals) {
        int i = random.nextInt(originals.size());
        return new Sample<>(originals.get(i).clone(), "original #" + i + " of " + originals.get(i).length + " bytes");
    }

    /** Up to {@code maxSize} random bytes. */
    public static Sample<byte[]> noise(SplittableRandom random, int maxSize) {
        byte[] bytes = new byte[random.nextInt(maxSize + 1)];
        random.nextBytes(bytes);
        return new Sample<>(bytes, bytes.length + " random bytes");
    }

    /** The first {@code n} bytes, {@code n} below the length (the sample itself when empty). */
    public static Sample<byte[]> truncated(SplittableRandom random, Sample<byte[]> sample) {
        byte[] bytes = sample.value();
        int n = random.nextInt(Math.max(1, bytes.length));
        return sample.then("truncated to " + n + " bytes", Arrays.copyOf(bytes, n));
    }

    /** One bit flipped (the sample itself when empty). */
    public static Sample<byte[]> flipped(SplittableRandom random, Sample<byte[]> sample) {
        byte[] bytes = sample.value();
        if (bytes.length == 0) {
            return sample;
        }
        int at = random.nextInt(bytes.length);
        int bit = random.nextInt(8);
        byte[] copy = bytes.clone();
        copy[at] ^= (byte) (1 << bit);
        return sample.then("bit " + bit + " of byte " + at + " flipped", copy);
    }

    /** One to 64 random bytes appended. */
    public static Sample<byte[]> appended(SplittableRandom random, Sample<byte[]> sample) {
        byte[] bytes = sample.value();
        byte[] copy = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(64));
        byte[] tail = new byte[copy.length - bytes.length];
        random.nextBytes(tail);
        System.arraycopy(tail, 0, copy, bytes.length, tail.length);
        return sample.then(tail.length + " random bytes appended", copy);
    }

    /** Any int half the time, otherwise one of {@code specials} (huge, negative, zero...). */
    public static int anyInt(SplittableRandom random, int... specials) {
        return random.nextBoolean() ? random.nextInt() : specials[random.nextInt(specials.length)];
    }

    /** Any long half the time, otherwise one of {@code specials}. */
    public static long anyLong(SplittableRandom random, long... specials) {
        return random.nextBoolean() ? random.nextLong() : specials[random.nextInt(specials.length)];
    }
}
