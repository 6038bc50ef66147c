package dev.backprop.spark;

import dev.backprop.data.Dataset;
import dev.backprop.eval.Evaluation;
import dev.backprop.init.SeededRandom;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.Optimizer;
import dev.backprop.train.BatchResult;
import dev.backprop.train.EpochResult;
import dev.backprop.train.GradientStep;
import dev.backprop.train.GradientSum;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingHistory;
import dev.backprop.train.TrainingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * Trains a {@link Sequential} model on a Spark {@code JavaRDD<Sample>}, synchronously and with the
 * result of {@link Trainer}:
 *
 * <pre>{@code
 * JavaRDD<Sample> train = SparkData.fashionMnist(spark, dataDirectory, 8);
 * TrainingHistory history = SparkTrainer.builder()
 *         .loss(Loss.softmaxCrossEntropy())
 *         .optimizer(Optimizer.adam(1e-3))
 *         .epochs(10).batchSize(128)
 *         .build()
 *         .fit(model, train, validation);
 * }</pre>
 *
 * <p>The samples are packed per partition and cached on the executors. Each step, the driver draws
 * the global batch exactly as {@link Trainer} does (the same seeded shuffle of the RDD's order) and
 * runs one Spark job: every partition receives the parameters and the batch's row numbers, sums the
 * gradients of the batch rows it holds on its executor's backend ({@link GradientSum}) and returns
 * the sum. The driver adds the sums in partition order (never in completion order, so float sums do
 * not vary from run to run), divides by the batch size, optionally clips the norm, and applies the
 * optimizer once ({@link GradientStep}). Only parameters, row numbers and gradients travel.
 *
 * <p>Executors pick their backend by, highest first: {@link Builder#executorBackend}, the Spark
 * setting {@value #BACKEND_SETTING}, the driver model's backend. A backend an executor cannot start
 * fails the job with the backend registry's message. The optimizer state lives on the driver.
 *
 * <p>Not supported (rejected with a message): dropout, whose masks are drawn per batch, and early
 * stopping.
 */
public final class SparkTrainer {

    /** The Spark setting that names the executors' backend, e.g. {@code --conf spark.backprop.backend=ejml}. */
    public static final String BACKEND_SETTING = "spark.backprop.backend";

    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final LearningRateSchedule schedule;
    private final double maxGradientNorm;
    private final String executorBackend;
    private final List<TrainingListener> listeners;

    private SparkTrainer(Builder b) {
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.schedule = b.schedule;
        this.maxGradientNorm = b.maxGradientNorm;
        this.executorBackend = b.executorBackend;
        this.listeners = List.copyOf(b.listeners);
    }

    /** A builder; loss and optimizer are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Trains {@code model} on {@code train} without validation data. */
    public TrainingHistory fit(Sequential model, JavaRDD<Sample> train) {
        return fit(model, train, null);
    }

    /**
     * Trains {@code model} (on the driver) on {@code train}, evaluating on {@code validation} (may be
     * null, evaluated on the driver) after each epoch.
     *
     * <p>A task that fails more often than Spark retries it (for example because an executor cannot
     * start its backend) ends the job with Spark's {@code SparkException}, which Java sees unchecked.
     *
     * @throws IllegalArgumentException if the data do not fit the model or the model has dropout
     * @throws IllegalStateException if a loss or gradient stops being finite
     */
    public TrainingHistory fit(Sequential model, JavaRDD<Sample> train, Dataset validation) {
        GradientSum.checkSummable(model);
        if (validation != null && (validation.featureCount() != model.inputSize()
                || validation.targetCount() != model.outputSize())) {
            throw new IllegalArgumentException("the validation data have " + validation.featureCount() + " features and "
                    + validation.targetCount() + " targets per sample but the model has " + model.inputSize()
                    + " inputs and " + model.outputSize() + " outputs");
        }
        String training = UUID.randomUUID().toString();
        String backend = executorBackend != null ? executorBackend
                : train.context().getConf().get(BACKEND_SETTING, model.backend().name());
        JavaRDD<Shard> shards = train.mapPartitions(samples -> List.of(Shard.of(samples)).iterator())
                .persist(StorageLevel.MEMORY_ONLY());
        double initialRate = optimizer.learningRate();
        try {
            int[] offsets = offsets(shards, model);
            int size = offsets[offsets.length - 1];
            return train(model, shards, offsets, size, validation, training, backend);
        } finally {
            optimizer.learningRate(initialRate);
            shards.unpersist(false);
            WorkerModels.release(training);
        }
    }

    private TrainingHistory train(Sequential model, JavaRDD<Shard> shards, int[] offsets, int size,
            Dataset validation, String training, String backend) {
        int[] order = new int[size];
        Arrays.setAll(order, i -> i);
        SeededRandom random = shuffle ? new SeededRandom(seed) : null;
        int batches = (size + batchSize - 1) / batchSize;
        double initialRate = optimizer.learningRate();
        double[] gradient = new double[Math.toIntExact(model.parameterCount())];
        List<EpochResult> history = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            if (random != null) {
                random.shuffle(order);
            }
            double rate = schedule.rate(epoch, epochs, initialRate);
            optimizer.learningRate(rate);
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * batchSize;
                int[] batch = Arrays.copyOfRange(order, from, Math.min(size, from + batchSize));
                StepTask task = new StepTask(training, model.spec(), loss.id(), backend, parameters(model), batch,
                        offsets);
                List<Partial> parts = shards.mapPartitionsWithIndex(task, false).collect();
                StepTotals totals = StepTotals.add(parts, gradient);
                double batchLoss = totals.lossSum() / batch.length;
                if (!Double.isFinite(batchLoss)) {
                    throw new IllegalStateException("Training diverged at epoch " + epoch + ", batch " + (b + 1)
                            + " of " + batches + ": the " + loss.id() + " loss is " + batchLoss
                            + ". Lower the learning rate (" + optimizer.describe() + ") or check the data.");
                }
                for (int i = 0; i < gradient.length; i++) {
                    gradient[i] /= batch.length;
                }
                clip(gradient, epoch, b + 1, batches);
                GradientStep.apply(model, optimizer, gradient);
                lossSum += totals.lossSum();
                correct += totals.correct();
                BatchResult result = new BatchResult(epoch, b + 1, batches, batch.length, batchLoss,
                        classification(model) ? OptionalDouble.of((double) totals.correct() / batch.length)
                                : OptionalDouble.empty());
                listeners.forEach(l -> l.onBatchEnd(result));
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - start);
            Optional<Evaluation> evaluation = Optional.ofNullable(validation).map(v -> Evaluation.of(model, loss, v));
            EpochResult result = new EpochResult(epoch, epochs, lossSum / size,
                    classification(model) ? OptionalDouble.of((double) correct / size) : OptionalDouble.empty(),
                    evaluation, rate, size, duration);
            history.add(result);
            listeners.forEach(l -> l.onEpochEnd(result));
        }
        return new TrainingHistory(history, false, epochs);
    }

    /** Whether accuracy means something: more than one output column, as for a one-hot class. */
    private static boolean classification(Sequential model) {
        return model.outputSize() > 1;
    }

    private void clip(double[] gradient, int epoch, int batch, int batches) {
        if (maxGradientNorm <= 0) {
            return;
        }
        double squares = 0;
        for (double g : gradient) {
            squares += g * g;
        }
        double norm = Math.sqrt(squares);
        if (!Double.isFinite(norm)) {
            throw new IllegalStateException("Training diverged at epoch " + epoch + ", batch " + batch + " of "
                    + batches + ": the gradient norm is " + norm);
        }
        if (norm > maxGradientNorm) {
            double scale = maxGradientNorm / norm;
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] *= scale;
            }
        }
    }

    /** Caches the shards (one job) and returns where each partition's rows start, plus the total. */
    private static int[] offsets(JavaRDD<Shard> shards, Sequential model) {
        List<int[]> shapes = shards.map(s -> new int[] {s.rows(), s.featureCount(), s.targetCount()}).collect();
        int[] offsets = new int[shapes.size() + 1];
        for (int p = 0; p < shapes.size(); p++) {
            int[] shape = shapes.get(p);
            if (shape[0] > 0 && (shape[1] != model.inputSize() || shape[2] != model.outputSize())) {
                throw new IllegalArgumentException("partition " + p + " holds samples with " + shape[1]
                        + " features and " + shape[2] + " targets but the model has " + model.inputSize()
                        + " inputs and " + model.outputSize() + " outputs");
            }
            offsets[p + 1] = Math.addExact(offsets[p], shape[0]);
        }
        if (offsets[shapes.size()] == 0) {
            throw new IllegalArgumentException("the training data are empty");
        }
        return offsets;
    }

    private static double[] parameters(Sequential model) {
        double[] flat = new double[Math.toIntExact(model.parameterCount())];
        int offset = 0;
        for (Parameter p : model.parameters()) {
            model.backend().download(p.value(), flat, offset);
            offset += Math.toIntExact(p.value().size());
        }
        return flat;
    }

    /** Settings of a {@link SparkTrainer}; the same names and defaults as {@link Trainer.Builder}. */
    public static final class Builder {
        private Loss loss;
        private Optimizer optimizer;
        private int epochs = 1;
        private int batchSize = 32;
        private boolean shuffle = true;
        private long seed = 42;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private double maxGradientNorm;
        private String executorBackend;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The loss; required. Executors build their own from its id. */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** The optimizer; required. It runs on the driver; its learning rate is the schedule's initial rate. */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** Number of passes over the data, at least 1; default 1. */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Samples per step (the global batch, over all partitions), at least 1; default 32. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Whether to shuffle the samples every epoch; default true. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Seed of the shuffling; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The learning rate per epoch; constant by default. */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** Clips the global L2 norm of the averaged gradient to {@code maxNorm} before each step; off by default. */
        public Builder clipGradientNorm(double maxNorm) {
            if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
                throw new IllegalArgumentException("gradient clipping norm must be finite and > 0, got " + maxNorm);
            }
            this.maxGradientNorm = maxNorm;
            return this;
        }

        /** The backend every executor uses, by provider name; overrides {@value SparkTrainer#BACKEND_SETTING}. */
        public Builder executorBackend(String name) {
            this.executorBackend = name;
            return this;
        }

        /** Adds a listener; it runs on the driver after every step and epoch. */
        public Builder listener(TrainingListener listener) {
            listeners.add(listener);
            return this;
        }

        /**
         * The trainer.
         *
         * @throws IllegalStateException if the loss or the optimizer is missing
         */
        public SparkTrainer build() {
            if (loss == null) {
                throw new IllegalStateException("a Spark trainer needs a loss: call loss(...)");
            }
            if (optimizer == null) {
                throw new IllegalStateException("a Spark trainer needs an optimizer: call optimizer(...)");
            }
            return new SparkTrainer(this);
        }
    }
}
