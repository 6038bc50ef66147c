package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.backprop.nn.Sequential;
import dev.backprop.optim.Adam;
import dev.backprop.optim.Optimizer;
import dev.backprop.optim.ReplicableOptimizer;
import dev.backprop.optim.Sgd;
import dev.backprop.spi.DType;
import dev.backprop.train.GradientStep;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A replica built from a serialized recipe, given the exported state, steps exactly as the original:
 * what barrier tasks rely on.
 */
class ReplicableOptimizerTest {

    static Stream<ReplicableOptimizer> optimizers() {
        return Stream.of(Sgd.builder(0.1).build(), (ReplicableOptimizer) Fixtures.optimizer(),
                Sgd.builder(0.05).momentum(0.8).nesterov(true).weightDecay(0.01).build(),
                Adam.builder(0.01).betas(0.8, 0.99).epsilon(1e-6).weightDecay(0.001).build());
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void aReplicaWithTheExportedStateStepsAsTheOriginal(ReplicableOptimizer original) throws Exception {
        for (DType dtype : DType.values()) {
            try (Sequential a = Fixtures.model("ejml", dtype); Sequential b = Fixtures.model("ejml", dtype)) {
                double[] gradient = new double[Math.toIntExact(a.parameterCount())];
                step(a, original, gradient, 1);
                step(a, original, gradient, 2);
                b.copyParametersFrom(a);
                try (ReplicableOptimizer replica = roundTrip(original.recipe()).build()) {
                    replica.importState(b.parameters(), original.exportState(a.parameters()));
                    step(a, original, gradient, 3);
                    step(b, replica, gradient, 3);
                    step(a, original, gradient, 4);
                    step(b, replica, gradient, 4);
                    assertArrayEquals(Fixtures.flat(a), Fixtures.flat(b), 0.0, original.describe() + " " + dtype);
                    assertArrayEquals(original.exportState(a.parameters()), replica.exportState(b.parameters()), 0.0);
                }
            }
        }
        original.close();
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void aStateOfTheWrongLengthIsRejected(ReplicableOptimizer optimizer) {
        try (optimizer; Sequential model = Fixtures.model("pure", DType.FLOAT64)) {
            GradientSumTest.assertMessage("state for these parameters has",
                    () -> optimizer.importState(model.parameters(), new double[3]));
        }
    }

    private static void step(Sequential model, Optimizer optimizer, double[] gradient, int seed) {
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = Math.sin(seed * 31.0 + i);
        }
        GradientStep.apply(model, optimizer, gradient);
    }

    private static ReplicableOptimizer.Recipe roundTrip(ReplicableOptimizer.Recipe recipe)
            throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(recipe);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ReplicableOptimizer.Recipe) in.readObject();
        }
    }
}
