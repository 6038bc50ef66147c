package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.init.SeededRandom;
import dev.backprop.spi.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Random shifts move whole images by at most the given number of pixels, fill with 0, and repeat from the seed. */
class RandomShiftTest {

    /** A 2-channel 3x4 image whose values say where they are: channel·100 + row·10 + column + 1. */
    private static double[] image() {
        double[] x = new double[2 * 3 * 4];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    x[(c * 3 + i) * 4 + j] = c * 100 + i * 10 + j + 1;
                }
            }
        }
        return x;
    }

    @Test
    void eachSampleMovesAsAWholeWithZeroFill() {
        Augmentation shift = Augmentation.randomShift(Shape.of(2, 3, 4), 1);
        SeededRandom random = new SeededRandom(5);
        int rows = 50;
        double[] batch = new double[rows * 24];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(image(), 0, batch, r * 24, 24);
        }
        shift.apply(batch, rows, 24, random);
        int moved = 0;
        for (int r = 0; r < rows; r++) {
            double[] out = Arrays.copyOfRange(batch, r * 24, r * 24 + 24);
            int dy = Integer.MIN_VALUE;
            int dx = Integer.MIN_VALUE;
            for (int k = 0; k < out.length && dy == Integer.MIN_VALUE; k++) {
                if (out[k] != 0) {
                    int v = (int) out[k] - 1;
                    int c = v / 100;
                    dy = k / 4 % 3 - v % 100 / 10;
                    dx = k % 4 - v % 10;
                    assertEquals(c, k / 12, "a value stays in its channel");
                }
            }
            assertTrue(Math.abs(dy) <= 1 && Math.abs(dx) <= 1, "shift " + dy + ", " + dx);
            moved += dy != 0 || dx != 0 ? 1 : 0;
            double[] in = image();
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        int si = i - dy;
                        int sj = j - dx;
                        double expected = si >= 0 && si < 3 && sj >= 0 && sj < 4 ? in[(c * 3 + si) * 4 + sj] : 0;
                        assertEquals(expected, out[(c * 3 + i) * 4 + j], "sample " + r + " at " + c + "," + i + "," + j);
                    }
                }
            }
        }
        assertTrue(moved > 30, "8 of 9 shifts move the image; moved " + moved + " of " + rows);
    }

    @Test
    void theSameSeedGivesTheSameBatch() {
        Augmentation shift = Augmentation.randomShift(Shape.of(2, 3, 4), 2);
        double[] a = new double[3 * 24];
        double[] b = new double[3 * 24];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(image(), 0, a, r * 24, 24);
            System.arraycopy(image(), 0, b, r * 24, 24);
        }
        shift.apply(a, 3, 24, new SeededRandom(9));
        shift.apply(b, 3, 24, new SeededRandom(9));
        assertArrayEquals(a, b, 0.0);
    }

    @Test
    void badSettingsAndSamplesGetClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.randomShift(Shape.of(784), 2))
                .getMessage().contains("[784]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Augmentation.randomShift(Shape.of(1, 3, 4), 3)).getMessage().contains("smaller than the image"));
        Augmentation shift = Augmentation.randomShift(Shape.of(1, 3, 4), 1);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> shift.apply(new double[20], 2, 10, new SeededRandom(1))).getMessage().contains("10 values"));
    }
}
