package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.nn.ModelSpec;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.DType;
import org.junit.jupiter.api.Test;

/** The executors' replica cache: reuse, eviction of the least recently used, release of a training. */
class WorkerModelsTest {

    @Test
    void replicasAreReusedEvictedWhenTooManyAndReleasedWithTheirTraining() {
        ModelSpec spec;
        try (Sequential model = Fixtures.model("pure", DType.FLOAT64)) {
            spec = model.spec();
        }
        String training = "cache-test";
        WorkerModels.Replica first = WorkerModels.get(training, 0, spec, "softmax_cross_entropy", "pure");
        assertSame(first, WorkerModels.get(training, 0, spec, "softmax_cross_entropy", "pure"));
        for (int p = 1; p <= WorkerModels.CAPACITY; p++) {
            WorkerModels.get(training, p, spec, "softmax_cross_entropy", "pure");
        }
        assertTrue(first.closed, "the least recently used replica is closed when the cache is full");
        WorkerModels.Replica again = WorkerModels.get(training, 0, spec, "softmax_cross_entropy", "pure");
        assertNotSame(first, again);
        WorkerModels.release(training);
        assertTrue(again.closed);
        assertFalse(WorkerModels.get("other", 0, spec, "softmax_cross_entropy", "pure").closed);
        WorkerModels.release("other");
    }
}
