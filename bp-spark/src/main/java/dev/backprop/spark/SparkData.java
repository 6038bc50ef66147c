package dev.backprop.spark;

import dev.backprop.data.Csv;
import dev.backprop.data.Dataset;
import dev.backprop.data.FashionMnist;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Training data as a {@code JavaRDD<Sample>}. Partition {@code p} of {@code n} holds rows
 * {@code [p·size/n, (p+1)·size/n)} in order, so the RDD's order (partition by partition) is the data
 * set's order and {@link SparkTrainer} draws the batches {@link dev.backprop.train.Trainer} draws.
 */
public final class SparkData {

    private SparkData() {
    }

    /**
     * An in-memory data set on the driver, sent to each executor once as a broadcast variable. (An RDD
     * from {@code parallelize(samples)} would carry its samples in every task of every step, since
     * Spark serializes a parallelized collection's slices with each task.)
     *
     * @throws IllegalArgumentException if {@code partitions < 1} or exceeds the number of rows
     */
    public static JavaRDD<Sample> of(JavaSparkContext spark, Dataset data, int partitions) {
        checkPartitions(partitions, data.size());
        List<Sample> samples = new ArrayList<>(data.size());
        for (int row = 0; row < data.size(); row++) {
            samples.add(new Sample(data.features(row), data.targets(row)));
        }
        Broadcast<List<Sample>> shared = spark.broadcast(samples);
        int size = samples.size();
        return partitionIndices(spark, partitions)
                .flatMap(p -> shared.value().subList(from(p, size, partitions), from(p + 1, size, partitions))
                        .iterator());
    }

    /**
     * Data each executor loads itself from {@code source}, keeping only its partitions' rows. The
     * driver loads it once too, to count the rows.
     *
     * @throws IOException if the driver cannot load the data
     * @throws IllegalArgumentException if {@code partitions < 1} or exceeds the number of rows
     */
    public static JavaRDD<Sample> load(JavaSparkContext spark, DatasetSource source, int partitions)
            throws IOException {
        int size = source.load().size();
        checkPartitions(partitions, size);
        return partitionIndices(spark, partitions).flatMap(p -> {
            Dataset data;
            try {
                data = source.load();
            } catch (IOException e) {
                throw new UncheckedIOException("partition " + p + " could not load its data: " + e.getMessage(), e);
            }
            int from = from(p, size, partitions);
            int to = from(p + 1, size, partitions);
            List<Sample> rows = new ArrayList<>(to - from);
            for (int row = from; row < to; row++) {
                rows.add(new Sample(data.features(row), data.targets(row)));
            }
            return rows.iterator();
        });
    }

    /**
     * The Fashion-MNIST training images from {@code directory}, which must exist at that path on every
     * executor (or on a file system they share).
     */
    public static JavaRDD<Sample> fashionMnist(JavaSparkContext spark, Path directory, int partitions)
            throws IOException {
        String dir = directory.toString();
        return load(spark, () -> FashionMnist.load(Path.of(dir)).train(), partitions);
    }

    /**
     * A CSV file (see {@link Csv#load}), which must exist at that path on every executor.
     *
     * @param target the target column's name
     * @param classification whether the target is a class (one-hot) or a number
     */
    public static JavaRDD<Sample> csv(JavaSparkContext spark, Path file, String target, boolean classification,
            int partitions) throws IOException {
        String path = file.toString();
        return load(spark, () -> Csv.load(Path.of(path), target, classification).dataset(), partitions);
    }

    /** One element per partition: its index. */
    private static JavaRDD<Integer> partitionIndices(JavaSparkContext spark, int partitions) {
        List<Integer> indices = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            indices.add(p);
        }
        return spark.parallelize(indices, partitions);
    }

    /** The first row of partition {@code p}. */
    private static int from(int p, int size, int partitions) {
        return (int) ((long) p * size / partitions);
    }

    private static void checkPartitions(int partitions, int size) {
        if (partitions < 1) {
            throw new IllegalArgumentException("at least one partition is needed, got " + partitions);
        }
        if (partitions > size) {
            throw new IllegalArgumentException(partitions + " partitions for " + size + " rows: every partition "
                    + "needs at least one");
        }
    }
}
