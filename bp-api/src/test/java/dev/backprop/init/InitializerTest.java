package dev.backprop.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InitializerTest {

    private static double variance(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean) / values.length;
        }
        return var;
    }

    @Test
    void xavierUniformStaysWithinItsBoundWithVariance2OverFanSum() {
        double[] w = Initializer.XAVIER_UNIFORM.values(new SeededRandom(1), 300, 200);
        double bound = Math.sqrt(6.0 / 500);
        for (double v : w) {
            assertTrue(Math.abs(v) <= bound);
        }
        assertEquals(2.0 / 500, variance(w), 2.0 / 500 * 0.03);
    }

    @Test
    void heNormalHasVariance2OverFanIn() {
        double[] w = Initializer.HE_NORMAL.values(new SeededRandom(2), 400, 300);
        assertEquals(2.0 / 400, variance(w), 2.0 / 400 * 0.03);
    }

    @Test
    void xavierNormalAndHeUniformHaveTheirVariances() {
        assertEquals(2.0 / 700, variance(Initializer.XAVIER_NORMAL.values(new SeededRandom(3), 400, 300)),
                2.0 / 700 * 0.03);
        // U(-a, a) has variance a²/3 = 2/fanIn
        assertEquals(2.0 / 400, variance(Initializer.HE_UNIFORM.values(new SeededRandom(4), 400, 300)),
                2.0 / 400 * 0.03);
    }

    @Test
    void zerosAreZero() {
        for (double v : Initializer.ZEROS.values(new SeededRandom(5), 3, 4)) {
            assertEquals(0.0, v);
        }
    }

    @Test
    void parsesIdsAndRejectsUnknownOnes() {
        assertEquals(Initializer.HE_UNIFORM, Initializer.parse("He_Uniform"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializer.parse("glorot"));
        assertTrue(e.getMessage().contains("xavier_uniform"));
        assertThrows(IllegalArgumentException.class, () -> Initializer.ZEROS.values(new SeededRandom(1), 0, 3));
    }
}
