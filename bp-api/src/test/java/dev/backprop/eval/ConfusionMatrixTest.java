package dev.backprop.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void accuracyPrecisionRecallByHand() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        // class 0: 3 right, 1 taken for 1; class 1: 2 right; class 2: 1 taken for 0, none right
        m.add(0, 0);
        m.add(0, 0);
        m.add(0, 0);
        m.add(0, 1);
        m.add(1, 1);
        m.add(1, 1);
        m.add(2, 0);
        assertEquals(7, m.total());
        assertEquals(5.0 / 7, m.accuracy(), 1e-15);
        assertEquals(3.0 / 4, m.precision(0), 1e-15);
        assertEquals(3.0 / 4, m.recall(0), 1e-15);
        assertEquals(2.0 / 3, m.precision(1), 1e-15);
        assertEquals(1.0, m.recall(1), 1e-15);
        assertTrue(Double.isNaN(m.precision(2)), "nothing predicted as class 2");
        assertEquals(0.0, m.recall(2));
    }
}
