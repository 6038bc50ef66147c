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
    void barrierModeNeedsASlotPerPartitionAndAReplicableOptimizer() {
        try (Sequential model = Fixtures.model("pure", DType.FLOAT64); Loss loss = Fixtures.loss();
                Optimizer optimizer = Fixtures.optimizer()) {
            SparkTrainer trainer = Fixtures.sparkTrainer(loss, optimizer).build();
            GradientSumTest.assertMessage("barrier mode runs all 3 partitions at once but local[2,2] (spark.task.cpus 1) "
                    + "has 2 task slots: use at least local[3], fewer partitions, or SparkTrainer.Mode.JOB_PER_STEP",
                    () -> trainer.fit(model, SparkData.of(spark, Fixtures.data(), 3)));
            Optimizer custom = new Optimizer() {
                @Override
                public void step(java.util.List<dev.backprop.nn.Parameter> parameters) {
                    optimizer.step(parameters);
                }

                @Override
                public double learningRate() {
                    return optimizer.learningRate();
                }

                @Override
                public void learningRate(double learningRate) {
                    optimizer.learningRate(learningRate);
                }

                @Override
                public String describe() {
                    return "a custom optimizer";
                }

                @Override
                public void close() {
                }
            };
            GradientSumTest.assertMessage("a custom optimizer", () -> Fixtures.sparkTrainer(loss, custom).build()
                    .fit(model, SparkData.of(spark, Fixtures.data(), 2)));
            GradientSumTest.assertMessage("is not a ReplicableOptimizer: use SparkTrainer.Mode.JOB_PER_STEP",
                    () -> Fixtures.sparkTrainer(loss, custom).build().fit(model, SparkData.of(spark, Fixtures.data(), 2)));
            Fixtures.sparkTrainer(loss, custom).mode(SparkTrainer.Mode.JOB_PER_STEP).build()
                    .fit(model, SparkData.of(spark, Fixtures.data(), 3));
        }
    }

    @Test
    void aDivergingBarrierEpochSaysWhere() {
        double[][] x = new double[Fixtures.SAMPLES][Fixtures.FEATURES];
        int[] labels = new int[Fixtures.SAMPLES];
        x[Fixtures.SAMPLES - 1][0] = 1e300;
        Dataset data = Dataset.classification(x, labels, Fixtures.CLASSES);
        try (Sequential model = Sequential.builder().input(Fixtures.FEATURES).dense(Fixtures.CLASSES)
                .backend(Backends.get("pure")).build(); Loss loss = Loss.mse(); Optimizer optimizer = Fixtures.optimizer()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fixtures
                    .sparkTrainer(loss, optimizer).build().fit(model, SparkData.of(spark, data, 2)));
            assertTrue(e.getMessage().startsWith("Training diverged at epoch 1, batch "), e::getMessage);
            assertTrue(e.getMessage().contains(" loss is Infinity"), e::getMessage);
        }
    }

    @Test
    void aNullModeIsRejected() {
        GradientSumTest.assertMessage("mode must not be null", () -> SparkTrainer.builder().mode(null));
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
