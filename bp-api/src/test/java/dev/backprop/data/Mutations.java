package dev.backprop.data;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random damage to a file's bytes: cuts, bit flips, overwritten header fields (huge sizes), pure noise. */
final class Mutations {

    private Mutations() {
    }

    /** One of {@code originals}, damaged in one to three random ways (or not at all). */
    static Arbitrary<byte[]> of(List<byte[]> originals, int headerBytes) {
        Arbitrary<byte[]> base = Arbitraries.of(originals).map(byte[]::clone);
        return Arbitraries.oneOf(base, noise(), base.flatMap(b -> mutated(b, headerBytes, 3)));
    }

    private static Arbitrary<byte[]> noise() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    private static Arbitrary<byte[]> mutated(byte[] bytes, int headerBytes, int depth) {
        Arbitrary<byte[]> once = Arbitraries.oneOf(truncated(bytes), flipped(bytes), headerInt(bytes, headerBytes),
                appended(bytes));
        return depth == 1 ? once : once.flatMap(b -> Arbitraries.oneOf(Arbitraries.just(b),
                mutated(b, headerBytes, depth - 1)));
    }

    private static Arbitrary<byte[]> truncated(byte[] bytes) {
        return Arbitraries.integers().between(0, Math.max(0, bytes.length - 1)).map(n -> Arrays.copyOf(bytes, n));
    }

    private static Arbitrary<byte[]> flipped(byte[] bytes) {
        if (bytes.length == 0) {
            return Arbitraries.just(bytes);
        }
        return Combinators.combine(Arbitraries.integers().between(0, bytes.length - 1),
                Arbitraries.integers().between(0, 7)).as((at, bit) -> {
                    byte[] copy = bytes.clone();
                    copy[at] ^= (byte) (1 << bit);
                    return copy;
                });
    }

    /** A big-endian int in the first {@code headerBytes} set to anything, huge and negative values included. */
    private static Arbitrary<byte[]> headerInt(byte[] bytes, int headerBytes) {
        int slots = Math.min(headerBytes, bytes.length) / 4;
        if (slots == 0) {
            return Arbitraries.just(bytes);
        }
        return Combinators.combine(Arbitraries.integers().between(0, slots - 1),
                Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0, -1, 1, Integer.MAX_VALUE,
                        Integer.MIN_VALUE, 2_000_000_000, 1 << 20))).as((slot, value) -> {
                            byte[] copy = bytes.clone();
                            ByteBuffer.wrap(copy).putInt(slot * 4, value);
                            return copy;
                        });
    }

    private static Arbitrary<byte[]> appended(byte[] bytes) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64).map(tail -> {
            byte[] copy = Arrays.copyOf(bytes, bytes.length + tail.length);
            System.arraycopy(tail, 0, copy, bytes.length, tail.length);
            return copy;
        });
    }
}
