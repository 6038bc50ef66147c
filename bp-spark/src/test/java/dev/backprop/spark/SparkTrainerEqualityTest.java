package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.loss.Loss;
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
        return Stream.of("pure", "ejml").flatMap(backend -> Stream.of(Arguments.of(backend, DType.FLOAT64, 1),
                Arguments.of(backend, DType.FLOAT64, 2), Arguments.of(backend, DType.FLOAT64, 3),
                Arguments.of(backend, DType.FLOAT32, 3)));
    }

    @ParameterizedTest(name = "{0} {1}, {2} partitions")
    @MethodSource("cases")
    void givesTheSingleMachineParameters(String backend, DType dtype, int partitions) {
        double[] expected = Fixtures.trainedOnOneMachine(backend, dtype);
        double[] actual = trainOnSpark(backend, dtype, partitions);
        Comparison comparison = Tolerances.dataParallel(dtype).compare(expected, actual);
        assertTrue(comparison.passed(), () -> "Spark with " + partitions + " partitions vs one machine, " + backend
                + " " + dtype.id() + ": " + comparison.describeWorst(0));
    }

    @Test
    void adamWithAScheduleAndClippingOnDataEachExecutorLoadsItself() throws Exception {
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
                    .schedule(LearningRateSchedule.cosine(0)).clipGradientNorm(0.5).build()
                    .fit(model, SparkData.load(spark, Fixtures::data, 3));
            Comparison comparison = Tolerances.dataParallel(DType.FLOAT64).compare(expected, Fixtures.flat(model));
            assertTrue(comparison.passed(), comparison::toString);
        }
    }

    @Test
    void twoRunsGiveIdenticalBits() {
        double[] first = trainOnSpark("pure", DType.FLOAT64, 3);
        double[] second = trainOnSpark("pure", DType.FLOAT64, 3);
        assertArrayEquals(first, second, 0.0);
    }

    @Test
    void aFailedTaskIsRetriedWithTheSameResult() {
        double[] clean = trainOnSpark("ejml", DType.FLOAT64, 3);
        FaultInjection.failFirstAttemptOn(partition -> partition == 1);
        double[] retried = trainOnSpark("ejml", DType.FLOAT64, 3);
        assertArrayEquals(clean, retried, 0.0);
    }

    static double[] trainOnSpark(String backend, DType dtype, int partitions) {
        try (Sequential model = Fixtures.model(backend, dtype); Optimizer optimizer = Fixtures.optimizer();
                Loss loss = Fixtures.loss()) {
            Fixtures.sparkTrainer(loss, optimizer).build()
                    .fit(model, SparkData.of(spark, Fixtures.data(), partitions));
            return Fixtures.flat(model);
        }
    }
}
