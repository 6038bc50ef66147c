package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.backend.FoundProvider;
import dev.backprop.data.Dataset;
import dev.backprop.data.FashionMnist;
import dev.backprop.data.TestDataPath;
import dev.backprop.examples.fashion.Architecture;
import dev.backprop.examples.fashion.FashionMnistTraining;
import dev.backprop.io.ModelFile;
import dev.backprop.nn.Sequential;
import dev.backprop.numeric.Tolerances;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model trained on one backend and saved predicts the same on every backend: the same class for every
 * test image of the committed sample, and probabilities within the per-op tolerance.
 */
class ModelAcrossBackendsTest {

    @TempDir
    Path dir;

    private static List<Backend> backends() {
        return Backends.registry().providers().stream().filter(p -> p.availability().available())
                .map(FoundProvider::name).map(Backends::get).collect(Collectors.toList());
    }

    private static int[] argmax(double[][] rows) {
        int[] classes = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 1; c < rows[r].length; c++) {
                if (rows[r][c] > rows[r][classes[r]]) {
                    classes[r] = c;
                }
            }
        }
        return classes;
    }

    static Stream<Arguments> cases() {
        return Stream.of(Architecture.values()).flatMap(a -> Stream.of(DType.values()).map(d -> Arguments.of(a, d)));
    }

    @ParameterizedTest(name = "a {0} {1} model trained on each backend predicts identically on every backend")
    @MethodSource("cases")
    void savedModelPredictsIdenticallyEverywhere(Architecture architecture, DType dtype) throws Exception {
        FashionMnist sample = FashionMnist.load(TestDataPath.of("fashion-mnist-sample"));
        Dataset test = sample.test();
        double[][] images = new double[test.size()][];
        for (int i = 0; i < images.length; i++) {
            images[i] = test.features(i);
        }
        List<Backend> backends = backends();
        assertTrue(backends.size() == 3, "expected pure, ejml and nd4j: " + backends);
        FashionMnistTraining.Settings defaults = FashionMnistTraining.Settings.defaults();
        boolean cnn = architecture == Architecture.CNN;
        FashionMnistTraining.Settings settings = new FashionMnistTraining.Settings(dtype, cnn ? 1 : 2, 64, 1e-3,
                cnn ? new int[] {16} : new int[] {64, 32}, 1, 0, 0.1, 0, defaults.schedule(), 0, architecture,
                new int[] {4, 8}, 0);
        for (Backend trainer : backends) {
            Path file = dir.resolve(trainer.name() + "-" + architecture.id() + "-" + dtype.id() + ".bp");
            double[][] expected;
            try (Sequential model = FashionMnistTraining.run(trainer, settings, sample.train(), test,
                    new TrainingListener() { }).model()) {
                ModelFile.save(model, file, Map.of("trained_on", trainer.name()));
                expected = model.predict(images);
            }
            for (Backend other : backends) {
                try (Sequential loaded = ModelFile.load(file, other).model()) {
                    double[][] actual = loaded.predict(images);
                    assertArrayEquals(argmax(expected), argmax(actual), "classes of a model trained on "
                            + trainer.name() + " and run on " + other.name());
                    for (int i = 0; i < images.length; i++) {
                        int row = i;
                        assertTrue(Tolerances.op(dtype).compare(expected[i], actual[i]).passed(), () -> "image " + row
                                + ", trained on " + trainer.name() + ", run on " + other.name() + ": "
                                + Tolerances.op(dtype).compare(expected[row], actual[row]).describeWorst(0));
                    }
                }
            }
        }
    }
}
