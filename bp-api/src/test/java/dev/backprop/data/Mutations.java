package dev.backprop.data;

import dev.backprop.testing.Fuzz;
import dev.backprop.testing.Fuzz.Sample;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;

/** Random damage to a file's bytes: cuts, bit flips, overwritten header fields (huge sizes), pure noise. */
final class Mutations {

    private Mutations() {
    }

    /** One of {@code originals}, damaged in one to three random ways (or not at all), or pure noise. */
    static Sample<byte[]> of(SplittableRandom random, List<byte[]> originals, int headerBytes) {
        return switch (random.nextInt(3)) {
            case 0 -> Fuzz.original(random, originals);
            case 1 -> Fuzz.noise(random, 4096);
            default -> mutated(random, Fuzz.original(random, originals), headerBytes, 3);
        };
    }

    private static Sample<byte[]> mutated(SplittableRandom random, Sample<byte[]> sample, int headerBytes,
            int depth) {
        Sample<byte[]> once = switch (random.nextInt(4)) {
            case 0 -> Fuzz.truncated(random, sample);
            case 1 -> Fuzz.flipped(random, sample);
            case 2 -> headerInt(random, sample, headerBytes);
            default -> Fuzz.appended(random, sample);
        };
        return depth == 1 || random.nextBoolean() ? once : mutated(random, once, headerBytes, depth - 1);
    }

    /** A big-endian int in the first {@code headerBytes} set to anything, huge and negative values included. */
    private static Sample<byte[]> headerInt(SplittableRandom random, Sample<byte[]> sample, int headerBytes) {
        byte[] bytes = sample.value();
        int slots = Math.min(headerBytes, bytes.length) / 4;
        if (slots == 0) {
            return sample;
        }
        int slot = random.nextInt(slots);
        int value = Fuzz.anyInt(random, 0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 2_000_000_000, 1 << 20);
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(slot * 4, value);
        return sample.then("header int at byte " + slot * 4 + " set to " + value, copy);
    }
}
