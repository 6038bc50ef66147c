package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.numeric.Tolerances;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmarks measure real work: their products are right and their training steps learn. */
class BenchmarkCasesTest {

    @ParameterizedTest
    @ValueSource(strings = {"pure", "ejml", "nd4j"})
    void gemmThroughTheSpiMatchesRawNd4j(String name) {
        Backend backend = Backends.get(name);
        for (GemmShape shape : new GemmShape[] {GemmShape.FORWARD, GemmShape.WEIGHT_GRADIENT,
            GemmShape.INPUT_GRADIENT}) {
            Nd4jGemmCase raw = new Nd4jGemmCase(true, shape);
            raw.run();
            double[] expected = raw.result().data().asDouble();
            try (GemmCase spi = new GemmCase(backend, DType.FLOAT64, shape)) {
                spi.run();
                double[] actual = backend.toArray(spi.result());
                int worst = 0;
                double worstError = 0;
                for (int i = 0; i < expected.length; i++) {
                    double error = Math.abs(actual[i] - expected[i]);
                    if (error > worstError) {
                        worstError = error;
                        worst = i;
                    }
                }
                // |values| < 1, so every product sums at most k terms of magnitude < 1.
                double allowed = Tolerances.summation(DType.FLOAT64, shape.k + 1, shape.k);
                assertTrue(worstError <= allowed, name + " " + shape.label() + ": worst element " + worst + " off by "
                        + worstError + " (allowed " + allowed + ")");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pure", "ejml", "nd4j"})
    void trainingStepsLearn(String name) {
        Backend backend = Backends.get(name);
        for (boolean xor : new boolean[] {true, false}) {
            try (TrainingStep step = xor ? TrainingStep.xor(backend, DType.FLOAT32)
                    : TrainingStep.mlp(backend, DType.FLOAT32)) {
                double first = step.run();
                double last = first;
                for (int i = 0; i < 30; i++) {
                    last = step.run();
                }
                assertTrue(last < first, name + (xor ? " xor" : " mlp") + ": loss " + first + " -> " + last);
            }
        }
    }

    @Test
    void xorThroughTheTrainerRunsItsSteps() {
        try (XorTraining xor = new XorTraining(Backends.get("pure"), DType.FLOAT64, 3000)) {
            assertTrue(xor.run() < 0.05, "XOR did not learn in 3000 steps");
        }
    }

    @Test
    void workloadsRejectAnUnknownWorkload() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Workloads.main(new String[] {"w9", "pure"}));
        assertTrue(e.getMessage().contains("usage: Workloads w1bound|w2|w3"), e.getMessage());
    }

    @Test
    void theGemmBoundOfW1Runs() {
        Workloads.main(new String[] {"w1bound", "pure", "0.01"});
    }

    @Test
    void shapesCountTheirFlops() {
        assertEquals(2.0 * 1024 * 1024 * 1024, GemmShape.SQUARE_1024.flops());
        assertEquals("(128x784)T*128x256", GemmShape.WEIGHT_GRADIENT.label());
    }
}
