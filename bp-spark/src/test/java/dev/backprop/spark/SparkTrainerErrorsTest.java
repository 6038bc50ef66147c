package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.DType;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@link SparkTrainer} and {@link SparkData} say when something is wrong. */
class SparkTrainerErrorsTest {

    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void anExecutorWhoseBackendCannotStartFailsTheJobWithTheRegistrysMessage() {
        try (Sequential model = Fixtures.model("pure", DType.FLOAT64); Loss loss = Fixtures.loss();
                Optimizer optimizer = Fixtures.optimizer()) {
            SparkTrainer trainer = Fixtures.sparkTrainer(loss, optimizer).executorBackend("no-such-backend").build();
            Exception e = assertThrows(Exception.class,
                    () -> trainer.fit(model, SparkData.of(spark, Fixtures.data(), 2)));
            String registry = registryMessage();
            assertTrue(e.getMessage().contains(registry), () -> "'" + e.getMessage() + "' lacks '" + registry + "'");
        }
    }

    @Test
    void aModelWithDropoutIsRejectedBeforeAnyJob() {
        try (Sequential model = Sequential.builder().input(Fixtures.FEATURES).dense(4, Activation.relu()).dropout(0.2)
                .dense(Fixtures.CLASSES).backend(Backends.get("pure")).build(); Loss loss = Fixtures.loss();
                Optimizer optimizer = Fixtures.optimizer()) {
            SparkTrainer trainer = Fixtures.sparkTrainer(loss, optimizer).build();
            GradientSumTest.assertMessage("drops with rate 0.2",
                    () -> trainer.fit(model, SparkData.of(spark, Fixtures.data(), 2)));
        }
    }

    @Test
    void dataOfTheWrongWidthNameTheirPartition() {
        try (Sequential model = Sequential.builder().input(Fixtures.FEATURES + 1).dense(Fixtures.CLASSES)
                .backend(Backends.get("pure")).build(); Loss loss = Fixtures.loss();
                Optimizer optimizer = Fixtures.optimizer()) {
            SparkTrainer trainer = Fixtures.sparkTrainer(loss, optimizer).build();
            GradientSumTest.assertMessage("partition 0 holds samples with 6 features and 3 targets but the model has 7",
                    () -> trainer.fit(model, SparkData.of(spark, Fixtures.data(), 2)));
            Dataset narrow = Fixtures.data();
            GradientSumTest.assertMessage("the validation data have 6 features",
                    () -> trainer.fit(model, SparkData.of(spark, Fixtures.data(), 2), narrow));
        }
    }

    @Test
    void partitionsMustHoldARowEach() {
        Dataset data = Fixtures.data().head(3);
        GradientSumTest.assertMessage("4 partitions for 3 rows", () -> SparkData.of(spark, data, 4));
        GradientSumTest.assertMessage("at least one partition", () -> SparkData.of(spark, data, 0));
    }

    @Test
    void aTrainerNeedsALossAndAnOptimizer() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SparkTrainer.builder().optimizer(Optimizer.gradientDescent(0.1)).build());
        assertTrue(e.getMessage().contains("needs a loss"), e::getMessage);
    }

    private static String registryMessage() {
        try {
            Backends.get("no-such-backend");
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("a backend named no-such-backend exists");
    }
}
