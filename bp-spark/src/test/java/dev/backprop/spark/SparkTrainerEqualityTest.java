package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.numeric.Comparison;
import dev.backprop.numeric.Tolerances;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.DType;
import dev.backprop.train.Trainer;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The promise: for the same seed and global batch, N partitions give the parameters {@code Trainer}
 * gives on one machine; two runs give the same bits; a failed and retried task changes nothing.
 */
class SparkTrainerEqualityTest {

    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(3);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @AfterEach
    void noFaults() {
        FaultInjection.off();
    }

    static Stream<Arguments> cases() {
        return Stream.of(SparkTrainer.Mode.values()).flatMap(mode -> Stream.of("pure", "ejml").flatMap(backend ->
                Stream.of(Arguments.of(mode, backend, DType.FLOAT64, 1), Arguments.of(mode, backend, DType.FLOAT64, 2),
                        Arguments.of(mode, backend, DType.FLOAT64, 3), Arguments.of(mode, backend, DType.FLOAT32, 3))));
    }

    @ParameterizedTest(name = "{0}: {1} {2}, {3} partitions")
    @MethodSource("cases")
    void givesTheSingleMachineParameters(SparkTrainer.Mode mode, String backend, DType dtype, int partitions) {
        double[] expected = Fixtures.trainedOnOneMachine(backend, dtype);
        double[] actual = trainOnSpark(mode, backend, dtype, partitions);
        Comparison comparison = Tolerances.dataParallel(dtype).compare(expected, actual);
        assertTrue(comparison.passed(), () -> "Spark (" + mode + ") with " + partitions + " partitions vs one machine, "
                + backend + " " + dtype.id() + ": " + comparison.describeWorst(0));
    }

    @Test
    void bothModesGiveIdenticalBits() {
        for (DType dtype : DType.values()) {
            assertArrayEquals(trainOnSpark(SparkTrainer.Mode.JOB_PER_STEP, "ejml", dtype, 3),
                    trainOnSpark(SparkTrainer.Mode.BARRIER, "ejml", dtype, 3), 0.0, dtype.id());
        }
    }

    @ParameterizedTest
    @EnumSource(SparkTrainer.Mode.class)
    void adamWithAScheduleAndClippingOnDataEachExecutorLoadsItself(SparkTrainer.Mode mode) throws Exception {
        double[] expected;
        try (Sequential model = Fixtures.model("pure", DType.FLOAT64); Optimizer optimizer = Optimizer.adam(0.01);
                Loss loss = Fixtures.loss()) {
            Trainer.builder().loss(loss).optimizer(optimizer).epochs(3).batchSize(Fixtures.BATCH).seed(5)
                    .schedule(LearningRateSchedule.cosine(0)).clipGradientNorm(0.5).build().fit(model, Fixtures.data());
            expected = Fixtures.flat(model);
        }
        try (Sequential model = Fixtures.model("pure", DType.FLOAT64); Optimizer optimizer = Optimizer.adam(0.01);
                Loss loss = Fixtures.loss()) {
            SparkTrainer.builder().loss(loss).optimizer(optimizer).epochs(3).batchSize(Fixtures.BATCH).seed(5)
                    .schedule(LearningRateSchedule.cosine(0)).clipGradientNorm(0.5).mode(mode).build()
                    .fit(model, SparkData.load(spark, Fixtures::data, 3));
            Comparison comparison = Tolerances.dataParallel(DType.FLOAT64).compare(expected, Fixtures.flat(model));
            assertTrue(comparison.passed(), comparison::toString);
        }
    }

    /** Batches reach the executors' models in the model's input shape: a CNN trains as on one machine. */
    @ParameterizedTest
    @EnumSource(SparkTrainer.Mode.class)
    void aConvolutionalModelGivesTheSingleMachineParameters(SparkTrainer.Mode mode) {
        java.util.function.Supplier<Sequential> cnn = () -> Sequential.builder().input(1, 2, 3)
                .conv2d(2, dev.backprop.spi.Window2d.square(2, 1, 0)).activation(Activation.tanh()).flatten()
                .dense(Fixtures.CLASSES, Activation.softmax()).seed(3).backend(Backends.get("pure")).build();
        double[] expected;
        try (Sequential model = cnn.get(); Optimizer optimizer = Fixtures.optimizer(); Loss loss = Fixtures.loss()) {
            Trainer.builder().loss(loss).optimizer(optimizer).epochs(Fixtures.EPOCHS).batchSize(Fixtures.BATCH)
                    .seed(11).build().fit(model, Fixtures.data());
            expected = Fixtures.flat(model);
        }
        try (Sequential model = cnn.get(); Optimizer optimizer = Fixtures.optimizer(); Loss loss = Fixtures.loss()) {
            Fixtures.sparkTrainer(loss, optimizer).mode(mode).build().fit(model, SparkData.of(spark, Fixtures.data(), 2));
            Comparison comparison = Tolerances.dataParallel(DType.FLOAT64).compare(expected, Fixtures.flat(model));
            assertTrue(comparison.passed(), comparison::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(SparkTrainer.Mode.class)
    void twoRunsGiveIdenticalBits(SparkTrainer.Mode mode) {
        double[] first = trainOnSpark(mode, "pure", DType.FLOAT64, 3);
        double[] second = trainOnSpark(mode, "pure", DType.FLOAT64, 3);
        assertArrayEquals(first, second, 0.0);
    }

    /**
     * A failed step task is run again on its own; a failed barrier task (here after its epoch's last step,
     * when every replica has moved on) makes Spark run the whole stage again, from the epoch's start.
     */
    @ParameterizedTest
    @EnumSource(SparkTrainer.Mode.class)
    void aFailedTaskIsRetriedWithTheSameResult(SparkTrainer.Mode mode) {
        double[] clean = trainOnSpark(mode, "ejml", DType.FLOAT64, 3);
        FaultInjection.failFirstAttemptOn(partition -> partition == 1);
        double[] retried = trainOnSpark(mode, "ejml", DType.FLOAT64, 3);
        int steps = (Fixtures.SAMPLES + Fixtures.BATCH - 1) / Fixtures.BATCH;
        int expected = mode == SparkTrainer.Mode.BARRIER ? Fixtures.EPOCHS : Fixtures.EPOCHS * steps;
        assertEquals(expected, FaultInjection.injected(), "failures injected: one per epoch stage (barrier) or step job");
        assertArrayEquals(clean, retried, 0.0);
    }

    static double[] trainOnSpark(SparkTrainer.Mode mode, String backend, DType dtype, int partitions) {
        try (Sequential model = Fixtures.model(backend, dtype); Optimizer optimizer = Fixtures.optimizer();
                Loss loss = Fixtures.loss()) {
            Fixtures.sparkTrainer(loss, optimizer).mode(mode).build()
                    .fit(model, SparkData.of(spark, Fixtures.data(), partitions));
            return Fixtures.flat(model);
        }
    }
}
