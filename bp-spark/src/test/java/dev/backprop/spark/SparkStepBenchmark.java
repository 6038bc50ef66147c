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
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Throughput of {@link SparkTrainer} against {@link Trainer} on one machine (a program, not a test):
 * {@code java -cp ... dev.backprop.spark.SparkStepBenchmark [hidden,...] [samples] [batch] [backend]}. Prints
 * samples/s, milliseconds per step and Spark's task metrics per step. {@code -DmaxDirectResultSize=64m} sets
 * {@code spark.task.maxDirectResultSize} (Spark's default 1m sends a larger gradient through the block manager).
 */
public final class SparkStepBenchmark {

    private SparkStepBenchmark() {
    }

    public static void main(String[] args) {
        int[] hidden = java.util.Arrays.stream((args.length > 0 ? args[0] : "256,128").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 6400;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        String backend = args.length > 3 ? args[3] : "pure";
        Dataset data = data(samples);
        int steps = (samples + batch - 1) / batch;
        double plain = 0;
        for (int round = 0; round < 2; round++) {
            plain = plain(data, hidden, batch, backend);
        }
        System.out.printf(Locale.ROOT, "Trainer: %.0f samples/s, %.2f ms/step (784-%s-10, %s, batch %d, %d steps)%n",
                samples / plain, 1e3 * plain / steps, args.length > 0 ? args[0] : "256,128", backend, batch, steps);
        for (int slots : new int[] {1, 2}) {
            SparkConf conf = new SparkConf().setMaster("local[" + slots + "]").setAppName("bench")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.task.maxDirectResultSize", System.getProperty("maxDirectResultSize", "1m"));
            try (JavaSparkContext spark = new JavaSparkContext(conf)) {
                spark.setLogLevel("WARN");
                TaskTotals totals = new TaskTotals();
                spark.sc().addSparkListener(totals);
                JavaRDD<Sample> rdd = SparkData.of(spark, data, slots);
                double seconds = 0;
                for (int round = 0; round < 2; round++) {
                    totals.reset();
                    seconds = spark(rdd, hidden, batch, backend);
                }
                long tasks = totals.tasks.get();
                System.out.printf(Locale.ROOT, "Spark local[%d], %d partitions: %.0f samples/s, %.2f ms/step "
                        + "(%.2f ms/step over Trainer); per step: %d tasks, %.1f ms task run, %.1f ms deserialize, "
                        + "%,d result bytes%n", slots, slots, samples / seconds, 1e3 * seconds / steps,
                        1e3 * (seconds - plain) / steps, tasks / (steps + 1),
                        totals.runMs.get() / (double) (steps + 1), totals.deserializeMs.get() / (double) (steps + 1),
                        totals.resultBytes.get() / (steps + 1));
            }
        }
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

    private static double spark(JavaRDD<Sample> rdd, int[] hidden, int batch, String backend) {
        try (Sequential model = model(hidden, backend); Loss loss = Loss.softmaxCrossEntropy();
                Optimizer optimizer = Optimizer.adam(1e-3)) {
            long start = System.nanoTime();
            SparkTrainer.builder().loss(loss).optimizer(optimizer).batchSize(batch).build().fit(model, rdd);
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

    /** Task metrics summed over a run. */
    private static final class TaskTotals extends SparkListener {
        final AtomicLong tasks = new AtomicLong();
        final AtomicLong runMs = new AtomicLong();
        final AtomicLong deserializeMs = new AtomicLong();
        final AtomicLong resultBytes = new AtomicLong();

        void reset() {
            tasks.set(0);
            runMs.set(0);
            deserializeMs.set(0);
            resultBytes.set(0);
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            tasks.incrementAndGet();
            if (end.taskMetrics() != null) {
                runMs.addAndGet(end.taskMetrics().executorRunTime());
                deserializeMs.addAndGet(end.taskMetrics().executorDeserializeTime());
                resultBytes.addAndGet(end.taskMetrics().resultSize());
            }
        }
    }
}
