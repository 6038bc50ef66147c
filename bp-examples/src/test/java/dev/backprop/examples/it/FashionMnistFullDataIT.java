package dev.backprop.examples.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.data.FashionMnist;
import dev.backprop.examples.fashion.FashionMnistTraining;
import dev.backprop.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * One epoch on the full Fashion-MNIST data on the pure backend must exceed 80 % test accuracy. Needs
 * the data (Debian's dataset-fashion-mnist package, or -Dbackprop.fashion.dir=DIR); without it the test
 * is skipped, unless the environment variable BACKPROP_REQUIRE_FASHION_MNIST is set (as {@code .ci/run}
 * does), which makes that a failure.
 */
class FashionMnistFullDataIT {

    @Test
    void oneEpochOnThePureBackendExceeds80Percent() throws Exception {
        Path dir = Path.of(System.getProperty("backprop.fashion.dir", FashionMnist.DEFAULT_DIRECTORY.toString()));
        if (!Files.isDirectory(dir)) {
            String how = "Fashion-MNIST is not installed in " + dir + ": `sudo apt-get install dataset-fashion-mnist`"
                    + " or -Dbackprop.fashion.dir=DIR";
            if (System.getenv("BACKPROP_REQUIRE_FASHION_MNIST") != null) {
                throw new AssertionError(how);
            }
            Assumptions.abort(how);
        }
        long start = System.nanoTime();
        FashionMnist data = FashionMnist.load(dir);
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        FashionMnistTraining.Settings d = FashionMnistTraining.Settings.defaults();
        FashionMnistTraining.Settings oneEpoch = new FashionMnistTraining.Settings(d.dtype(), 1, d.batch(),
                d.learningRate(), d.hidden(), d.seed(), 0, 0, 0, d.schedule(), 0, d.architecture(), d.filters(), 0);
        FashionMnistTraining.Result result = FashionMnistTraining.run(Backends.get("pure"), oneEpoch, data.train(),
                data.test(), new TrainingListener() { });
        try {
            System.getLogger(getClass().getName()).log(System.Logger.Level.INFO, String.format(
                    "full data loaded in %.2f s; 1 epoch on pure: %.0f samples/s, test accuracy %.4f", loadSeconds,
                    result.history().epochs().get(0).samplesPerSecond(), result.test().accuracy()));
            assertTrue(result.test().accuracy() > 0.80, "test accuracy " + result.test().accuracy());
        } finally {
            result.model().close();
        }
    }
}
