package dev.backprop.spark;

import dev.backprop.backend.Backends;
import dev.backprop.data.Dataset;
import dev.backprop.init.SeededRandom;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.DType;
import dev.backprop.train.Trainer;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Throughput of {@link SparkTrainer} in both {@link SparkTrainer.Mode}s against {@link Trainer} on one
 * machine (a program, not a test): {@code java -cp ... dev.backprop.spark.SparkStepBenchmark [hidden,...]
 * [samples] [batch] [backend] [runs]}. Prints, for the median of {@code runs} timed epochs (after one
 * warm-up): samples/s, milliseconds per step, the overhead per step over {@code Trainer}, and the bytes a
 * step moves; then the cost of the Base64 text encoding barrier messages use.
 */
public final class SparkStepBenchmark {

    private SparkStepBenchmark() {
    }

    public static void main(String[] args) {
        String layers = args.length > 0 ? args[0] : "256,128";
        int[] hidden = Arrays.stream(layers.split(",")).mapToInt(Integer::parseInt).toArray();
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 6400;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        String backend = args.length > 3 ? args[3] : "pure";
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        Dataset data = data(samples);
        int steps = (samples + batch - 1) / batch;
        long parameters;
        try (Sequential model = model(hidden, backend)) {
            parameters = model.parameterCount();
        }
        System.out.printf(Locale.ROOT, "784-%s-10 (%,d parameters, float32), %s, batch %d, %d steps per epoch, "
                + "median of %d epochs after a warm-up%n", layers, parameters, backend, batch, steps, runs);
        double plain = median(runs, () -> plain(data, hidden, batch, backend));
        System.out.printf(Locale.ROOT, "%-34s %8.0f samples/s %8.2f ms/step%n", "Trainer", samples / plain,
                1e3 * plain / steps);
        for (int slots : new int[] {1, 2}) {
            SparkConf conf = new SparkConf().setMaster("local[" + slots + "]").setAppName("bench")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            try (JavaSparkContext spark = new JavaSparkContext(conf)) {
                spark.setLogLevel("WARN");
                JavaRDD<Sample> rdd = SparkData.of(spark, data, slots);
                for (SparkTrainer.Mode mode : SparkTrainer.Mode.values()) {
                    double seconds = median(runs, () -> spark(rdd, hidden, batch, backend, mode));
                    System.out.printf(Locale.ROOT, "%-34s %8.0f samples/s %8.2f ms/step %+8.2f ms/step over Trainer; "
                            + "%s%n", "local[" + slots + "], " + slots + " partitions, " + mode, samples / seconds,
                            1e3 * seconds / steps, 1e3 * (seconds - plain) / steps, bytes(mode, slots, parameters));
                }
            }
        }
        base64(parameters, runs);
    }

    /** The bytes one step moves, from the message formats (Spark's own framing not counted). */
    private static String bytes(SparkTrainer.Mode mode, int partitions, long parameters) {
        long vector = parameters * Double.BYTES;
        if (mode == SparkTrainer.Mode.JOB_PER_STEP) {
            return String.format(Locale.ROOT, "per step: parameters to %d task(s) %,d B, sums back %,d B", partitions,
                    partitions * vector, partitions * vector);
        }
        long message = PartialCodec.encodedLength(parameters);
        return String.format(Locale.ROOT, "per step: %d message(s) of %,d B to the driver, %,d B back to the tasks",
                partitions, partitions * message, (long) partitions * partitions * message);
    }

    private static void base64(long parameters, int runs) {
        double[] sum = new double[Math.toIntExact(parameters)];
        Arrays.setAll(sum, i -> Math.sin(i));
        Partial part = new Partial(0, 1, 1, 1, sum);
        int reps = 20;
        double seconds = median(runs, () -> {
            long start = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                PartialCodec.decode(PartialCodec.encode(part));
            }
            return (System.nanoTime() - start) / 1e9 / reps;
        });
        System.out.printf(Locale.ROOT, "Base64 message of %,d doubles (%,d B as text): %.2f ms to encode and "
                + "decode once%n", parameters, PartialCodec.encodedLength(parameters), 1e3 * seconds);
    }

    private static double median(int runs, DoubleSupplier seconds) {
        seconds.getAsDouble();
        double[] times = new double[runs];
        for (int r = 0; r < runs; r++) {
            times[r] = seconds.getAsDouble();
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    private static Sequential model(int[] hidden, String backend) {
        Sequential.Builder builder = Sequential.builder().input(784).dtype(DType.FLOAT32).backend(Backends.get(backend));
        for (int units : hidden) {
            builder.dense(units, Activation.relu());
        }
        return builder.dense(10, Activation.softmax()).build();
    }

    private static double plain(Dataset data, int[] hidden, int batch, String backend) {
        try (Sequential model = model(hidden, backend); Loss loss = Loss.softmaxCrossEntropy();
                Optimizer optimizer = Optimizer.adam(1e-3)) {
            long start = System.nanoTime();
            Trainer.builder().loss(loss).optimizer(optimizer).batchSize(batch).build().fit(model, data);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static double spark(JavaRDD<Sample> rdd, int[] hidden, int batch, String backend, SparkTrainer.Mode mode) {
        try (Sequential model = model(hidden, backend); Loss loss = Loss.softmaxCrossEntropy();
                Optimizer optimizer = Optimizer.adam(1e-3)) {
            long start = System.nanoTime();
            SparkTrainer.builder().loss(loss).optimizer(optimizer).batchSize(batch).mode(mode).build().fit(model, rdd);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static Dataset data(int samples) {
        SeededRandom random = new SeededRandom(1);
        double[][] x = new double[samples][784];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < 784; j++) {
                x[i][j] = random.nextDouble();
            }
            labels[i] = random.nextInt(10);
        }
        return Dataset.classification(x, labels, 10);
    }
}
