package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void gathersRowsInTheGivenOrder() {
        Dataset data = Dataset.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new double[][] {{0}, {1}, {2}});
        double[] out = new double[4];
        data.copyFeatures(new int[] {2, 0, 1}, 0, 2, out);
        assertArrayEquals(new double[] {5, 6, 1, 2}, out);
        double[] targets = new double[2];
        data.copyTargets(new int[] {2, 0, 1}, 1, 2, targets);
        assertArrayEquals(new double[] {0, 1}, targets);
        assertEquals(3, data.size());
        assertArrayEquals(new double[] {3, 4}, data.features(1));
    }

    @Test
    void copiesItsInput() {
        double[][] x = {{1}};
        Dataset data = Dataset.of(x, new double[][] {{1}});
        x[0][0] = 99;
        assertArrayEquals(new double[] {1}, data.features(0));
    }

    private static String error(double[][] x, double[][] y) {
        return assertThrows(IllegalArgumentException.class, () -> Dataset.of(x, y)).getMessage();
    }

    @Test
    void rejectsBadInputNamingTheRow() {
        assertTrue(error(new double[0][], new double[0][]).contains("empty"));
        assertTrue(error(new double[][] {{1}}, new double[][] {{1}, {2}}).contains("1 rows but targets have 2"));
        assertTrue(error(new double[][] {{1, 2}, {3}}, new double[][] {{1}, {2}}).contains("row 1 has 1 columns"));
        assertTrue(error(new double[][] {{1}}, new double[][] {{Double.NaN}}).contains("targets [0][0] is NaN"));
        assertTrue(error(new double[][] {{}}, new double[][] {{1}}).contains("at least one feature"));
    }
}
