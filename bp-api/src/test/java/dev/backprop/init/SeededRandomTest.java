package dev.backprop.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeededRandomTest {

    @Test
    void matchesTheSplitMix64ReferenceSequence() {
        // splitmix64.c (Vigna) with x = 0
        SeededRandom random = new SeededRandom(0);
        assertEquals(0xe220a8397b1dcdafL, random.nextLong());
        assertEquals(0x6e789e6aa1b965f4L, random.nextLong());
        assertEquals(0x06c45d188009454fL, random.nextLong());
    }

    @Test
    void uniformDoublesStayInRangeAndAverageAHalf() {
        SeededRandom random = new SeededRandom(1);
        double sum = 0;
        for (int i = 0; i < 100_000; i++) {
            double v = random.nextDouble();
            assertTrue(v >= 0 && v < 1);
            sum += v;
        }
        assertEquals(0.5, sum / 100_000, 0.005);
    }

    @Test
    void normalsHaveMeanZeroAndUnitVariance() {
        SeededRandom random = new SeededRandom(2);
        double sum = 0;
        double squares = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double v = random.nextGaussian();
            sum += v;
            squares += v * v;
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, squares / n, 0.01);
    }

    @Test
    void intsAreUnbiasedAndInBounds() {
        SeededRandom random = new SeededRandom(3);
        int[] counts = new int[3];
        for (int i = 0; i < 30_000; i++) {
            counts[random.nextInt(3)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 400);
        }
        assertThrows(IllegalArgumentException.class, () -> random.nextInt(0));
    }

    @Test
    void shuffleIsAPermutationFixedByTheSeed() {
        int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        int[] b = a.clone();
        new SeededRandom(4).shuffle(a);
        new SeededRandom(4).shuffle(b);
        assertArrayEquals(a, b);
        assertEquals(45, java.util.Arrays.stream(a).sum());
        assertNotEquals("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]", java.util.Arrays.toString(a));
    }

    @Test
    void streamsOfOneSeedDiffer() {
        assertNotEquals(SeededRandom.forStream(5, 1).nextLong(), SeededRandom.forStream(5, 2).nextLong());
        assertEquals(SeededRandom.forStream(5, 1).nextLong(), SeededRandom.forStream(5, 1).nextLong());
    }
}
