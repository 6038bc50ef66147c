package dev.backprop.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void stepHalvesEveryTwoEpochs() {
        LearningRateSchedule step = LearningRateSchedule.step(2, 0.5);
        assertEquals(0.1, step.rate(1, 10, 0.1));
        assertEquals(0.1, step.rate(2, 10, 0.1));
        assertEquals(0.05, step.rate(3, 10, 0.1));
        assertEquals(0.025, step.rate(5, 10, 0.1), 1e-15);
    }

    @Test
    void cosineStartsAtTheInitialRateAndFallsTowardsTheMinimum() {
        LearningRateSchedule cosine = LearningRateSchedule.cosine(0.01);
        assertEquals(1.0, cosine.rate(1, 4, 1.0), 1e-15);
        assertEquals(0.01 + 0.99 * (1 + Math.cos(Math.PI / 2)) / 2, cosine.rate(3, 4, 1.0), 1e-15);
        assertEquals(0.01 + 0.99 * (1 + Math.cos(Math.PI * 3 / 4)) / 2, cosine.rate(4, 4, 1.0), 1e-15);
    }

    @Test
    void constantIsConstantAndBadSettingsAreRejected() {
        assertEquals(0.3, LearningRateSchedule.constant().rate(7, 9, 0.3));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(-1));
    }
}
