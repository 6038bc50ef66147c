package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.backend.Backends;
import dev.backprop.nn.Layer;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.numeric.Tolerances;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model file written before shaped tensors and layer kinds (by commit 3a97578: input 4, dense 5 +
 * ReLU, dropout 0.2, dense 3 + softmax, seed 7, float64, then named {@code relu_2}, {@code dropout_3},
 * {@code softmax_5}) loads, takes today's names and predicts what it predicted when it was written.
 */
class OlderModelFileTest {

    private static final double[][] INPUTS = {{1, -2, 0.5, 3}, {0, 0.25, -1, 2}};
    /** Printed by the writing program with the model it saved. */
    private static final double[][] PREDICTED_THEN = {
        {0.2442660517870677, 0.06779907270456272, 0.6879348755083696},
        {0.2016386701202749, 0.13353642741092822, 0.6648249024687969}};

    @Test
    void aFileWrittenBeforeShapesLoadsAndPredictsAsItDidThen() throws IOException, URISyntaxException {
        Path file = Path.of(getClass().getResource("/models/mlp-before-shapes.bp").toURI());
        try (Sequential model = ModelFile.load(file, Backends.get("pure")).model()) {
            assertEquals(List.of("dense_1", "relu_1", "dropout_1", "dense_2", "softmax_1"),
                    model.layers().stream().map(Layer::name).toList());
            assertEquals(List.of("dense_1.W", "dense_1.b", "dense_2.W", "dense_2.b"),
                    model.parameters().stream().map(Parameter::name).toList());
            double[][] predicted = model.predict(INPUTS);
            for (int r = 0; r < INPUTS.length; r++) {
                for (int j = 0; j < PREDICTED_THEN[r].length; j++) {
                    double expected = PREDICTED_THEN[r][j];
                    assertEquals(expected, predicted[r][j], Tolerances.FLOAT64_OP.allowed(expected),
                            "prediction [" + r + "][" + j + "]");
                }
            }
        }
    }
}
