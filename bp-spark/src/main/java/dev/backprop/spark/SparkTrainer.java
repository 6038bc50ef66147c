package dev.backprop.spark;

import dev.backprop.data.Dataset;
import dev.backprop.eval.Evaluation;
import dev.backprop.init.SeededRandom;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.Optimizer;
import dev.backprop.optim.ReplicableOptimizer;
import dev.backprop.train.BatchResult;
import dev.backprop.train.EpochResult;
import dev.backprop.train.GradientStep;
import dev.backprop.train.GradientSum;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingHistory;
import dev.backprop.train.TrainingListener;
import dev.backprop.train.TrainingSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.reflect.ClassTag$;

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
 * <p>The samples are packed per partition and cached on the executors. Each epoch, the driver draws
 * the global batches exactly as {@link Trainer} does (the same seeded shuffle of the RDD's order). Each
 * step, every partition sums the gradients of the batch rows it holds on its executor's backend
 * ({@link GradientSum}); the sums are added in partition order (never in completion order, so float sums
 * do not vary from run to run), divided by the batch size, optionally clipped, and the optimizer is
 * applied once ({@link GradientStep}). Only parameters, row numbers and gradients travel. Where that
 * happens is the {@link Mode}: by default ({@link Mode#BARRIER}) one barrier job per epoch whose tasks
 * exchange their sums each step and each apply a replica of the optimizer; or one Spark job per step
 * ({@link Mode#JOB_PER_STEP}), the driver adding the sums and stepping. Both give the same bits.
 *
 * <p>Executors pick their backend by, highest first: {@link Builder#executorBackend}, the Spark
 * setting {@value #BACKEND_SETTING}, the driver model's backend. A backend an executor cannot start
 * fails the job with the backend registry's message. Between epochs the optimizer's state lives on the
 * driver's optimizer.
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
    private final Mode mode;
    private final List<TrainingListener> listeners;

    /** How the partitions exchange their gradient sums each step. */
    public enum Mode {
        /**
         * One barrier job per epoch (the default): its tasks, one per partition, run at once and stay alive for
         * the whole epoch, exchange their gradient sums each step through Spark's
         * {@code BarrierTaskContext.allGather} and each apply the optimizer, so a step costs no Spark job. Needs
         * a free task slot per partition and a {@link ReplicableOptimizer} (the built-in ones are).
         */
        BARRIER,
        /**
         * One Spark job per step: the driver sends the parameters, collects the partitions' sums and applies
         * the optimizer itself. Slower per step (a job costs tens of milliseconds), but it runs with fewer
         * slots than partitions, with any {@link Optimizer}, and moves each gradient once to the driver rather
         * than to every task (barrier messages all pass through the driver, see the README).
         */
        JOB_PER_STEP
    }

    private SparkTrainer(TrainingSettings.Settings s, String executorBackend, Mode mode) {
        this.loss = s.loss();
        this.optimizer = s.optimizer();
        this.epochs = s.epochs();
        this.batchSize = s.batchSize();
        this.shuffle = s.shuffle();
        this.seed = s.seed();
        this.schedule = s.schedule();
        this.maxGradientNorm = s.maxGradientNorm();
        this.executorBackend = executorBackend;
        this.mode = mode;
        this.listeners = s.listeners();
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
        if (mode == Mode.BARRIER) {
            if (!(optimizer instanceof ReplicableOptimizer)) {
                throw new IllegalArgumentException("barrier mode runs a replica of the optimizer in every task, but "
                        + optimizer.describe() + " (" + optimizer.getClass().getName() + ") is not a "
                        + "ReplicableOptimizer: use SparkTrainer.Mode.JOB_PER_STEP");
            }
            BarrierSlots.check(train.context().getConf(), train.getNumPartitions());
        }
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
        double initialRate = optimizer.learningRate();
        StepUpdate update = new StepUpdate(loss.id(), maxGradientNorm, Math.toIntExact(model.parameterCount()));
        List<EpochResult> history = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            if (random != null) {
                random.shuffle(order);
            }
            double rate = schedule.rate(epoch, epochs, initialRate);
            optimizer.learningRate(rate);
            EpochTotals totals = new EpochTotals(epoch, (size + batchSize - 1) / batchSize, model);
            if (mode == Mode.BARRIER) {
                barrierEpoch(model, shards, offsets, order, training, backend, totals);
            } else {
                for (int b = 0; b < totals.batches; b++) {
                    int from = b * batchSize;
                    int[] batch = Arrays.copyOfRange(order, from, Math.min(size, from + batchSize));
                    StepTask task = new StepTask(training, model.spec(), loss.id(), backend, parameters(model), batch,
                            offsets);
                    List<Partial> parts = shards.mapPartitionsWithIndex(task, false).collect();
                    totals.add(b + 1, update.apply(parts, model, optimizer, epoch, b + 1, totals.batches));
                }
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - start);
            Optional<Evaluation> evaluation = Optional.ofNullable(validation).map(v -> Evaluation.of(model, loss, v));
            EpochResult result = new EpochResult(epoch, epochs, totals.lossSum / size,
                    classification(model) ? OptionalDouble.of((double) totals.correct / size) : OptionalDouble.empty(),
                    evaluation, rate, size, duration);
            history.add(result);
            listeners.forEach(l -> l.onEpochEnd(result));
        }
        return new TrainingHistory(history, false, epochs);
    }

    /**
     * One barrier job for the epoch; then the driver's model and optimizer take the parameters and state
     * every task ended with, and the listeners hear of each step.
     */
    private void barrierEpoch(Sequential model, JavaRDD<Shard> shards, int[] offsets, int[] order, String training,
            String backend, EpochTotals totals) {
        ReplicableOptimizer replicable = (ReplicableOptimizer) optimizer;
        EpochPlan plan = new EpochPlan(training, model.spec(), loss.id(), backend, replicable.recipe(),
                parameters(model), replicable.exportState(model.parameters()), order.clone(), batchSize, offsets,
                totals.epoch, maxGradientNorm);
        // Spark runs a failed barrier stage again only if it is a shuffle map stage (it aborts a failed barrier
        // result stage: "Could not recover from a failed barrier ResultStage"), hence the shuffle into one partition.
        List<EpochOutcome> outcomes = shards.rdd().barrier().mapPartitions(new EpochTask(plan), false,
                ClassTag$.MODULE$.apply(EpochOutcome.class)).toJavaRDD().repartition(1).collect();
        EpochOutcome outcome = outcomes.get(0);
        upload(model, outcome.parameters());
        replicable.importState(model.parameters(), outcome.optimizerState());
        for (int b = 0; b < outcome.rows().length; b++) {
            totals.add(b + 1, new StepTotals(outcome.rows()[b], outcome.lossSums()[b], outcome.correct()[b]));
        }
        if (outcome.diverged() != null) {
            throw new IllegalStateException(outcome.diverged());
        }
    }

    /** An epoch's sums so far; tells the listeners of each step. */
    private final class EpochTotals {
        final int epoch;
        final int batches;
        final boolean classification;
        double lossSum;
        long correct;

        EpochTotals(int epoch, int batches, Sequential model) {
            this.epoch = epoch;
            this.batches = batches;
            this.classification = classification(model);
        }

        void add(int batch, StepTotals step) {
            lossSum += step.lossSum();
            correct += step.correct();
            BatchResult result = new BatchResult(epoch, batch, batches, step.rows(), step.lossSum() / step.rows(),
                    classification ? OptionalDouble.of((double) step.correct() / step.rows()) : OptionalDouble.empty());
            listeners.forEach(l -> l.onBatchEnd(result));
        }
    }

    /** Whether accuracy means something: more than one output column, as for a one-hot class. */
    private static boolean classification(Sequential model) {
        return model.outputSize() > 1;
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

    private static void upload(Sequential model, double[] flat) {
        int offset = 0;
        for (Parameter p : model.parameters()) {
            model.backend().upload(flat, offset, p.value());
            offset += Math.toIntExact(p.value().size());
        }
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

    /**
     * Settings of a {@link SparkTrainer}: those of {@link Trainer.Builder} (the same names, defaults and checks,
     * from {@link TrainingSettings}; the batch size is the global batch, over all partitions; the optimizer runs
     * on the driver or, in {@link Mode#BARRIER}, as a replica in every task; executors build their own loss from
     * its id), plus the executors' backend and the {@link Mode}. Early stopping is not offered.
     */
    public static final class Builder extends TrainingSettings<Builder> {
        private String executorBackend;
        private Mode mode = Mode.BARRIER;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The backend every executor uses, by provider name; overrides {@value SparkTrainer#BACKEND_SETTING}. */
        public Builder executorBackend(String name) {
            this.executorBackend = name;
            return this;
        }

        /** How the partitions exchange gradients; {@link Mode#BARRIER} by default. */
        public Builder mode(Mode mode) {
            if (mode == null) {
                throw new IllegalArgumentException("the mode must not be null");
            }
            this.mode = mode;
            return this;
        }

        /**
         * The trainer. Listeners run on the driver after every epoch, and after every step (in
         * {@link Mode#BARRIER}: for each of the epoch's steps once the epoch has ended).
         *
         * @throws IllegalStateException if the loss or the optimizer is missing
         */
        public SparkTrainer build() {
            return new SparkTrainer(settings("a Spark trainer"), executorBackend, mode);
        }
    }
}
