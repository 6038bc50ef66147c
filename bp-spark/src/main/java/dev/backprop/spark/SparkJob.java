package dev.backprop.spark;

import dev.backprop.data.Dataset;
import dev.backprop.nn.Sequential;
import dev.backprop.train.TrainingHistory;
import java.io.IOException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A whole training on a Spark context of its own, started and stopped here: for programs such as a
 * command line that should not compile against Spark (no Spark type in its signature).
 */
public final class SparkJob {

    private SparkJob() {
    }

    /**
     * Starts Spark, loads {@code train} on the executors, trains {@code model} with {@code trainer}
     * and stops Spark.
     *
     * @param appName the application's name in Spark
     * @param master the master URL ({@code local[2]}, {@code spark://host:7077}, ...); one set by
     *     {@code spark-submit} wins
     * @param partitions partitions of the training data, or 0 for Spark's default parallelism
     * @param validation evaluated on the driver after each epoch; may be null
     * @throws IOException if the driver cannot load the training data
     */
    public static TrainingHistory fit(String appName, String master, SparkTrainer trainer, Sequential model,
            DatasetSource train, int partitions, Dataset validation) throws IOException {
        SparkConf conf = new SparkConf().setAppName(appName).setIfMissing("spark.master", master);
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            int slices = partitions > 0 ? partitions : spark.defaultParallelism();
            return trainer.fit(model, SparkData.load(spark, train, slices), validation);
        }
    }
}
