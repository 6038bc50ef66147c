package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.data.MiniBatches;
import dev.backprop.eval.Evaluation;
import dev.backprop.loss.Loss;
import dev.backprop.loss.ModelLoss;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.nn.TensorCache;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Trains a {@link Sequential} model by mini-batch gradient descent:
 *
 * <pre>{@code
 * TrainingHistory history = Trainer.builder()
 *         .loss(Loss.softmaxCrossEntropy())
 *         .optimizer(Optimizer.adam(1e-3))
 *         .epochs(10).batchSize(128)
 *         .schedule(LearningRateSchedule.cosine(0))
 *         .earlyStopping(EarlyStopping.patience(3))
 *         .build()
 *         .fit(model, train, validation);
 * }</pre>
 *
 * <p>Each epoch visits every sample once, in an order shuffled from the seed (the same on every
 * backend), in batches of {@link Builder#batchSize} (the last may be smaller). Each batch: forward
 * pass, loss, backward pass, optional clipping of the gradients' global norm, optimizer step. After
 * each epoch the model is evaluated on the validation data, if given, which early stopping watches.
 *
 * <p>If a loss, the gradient norm or a parameter stops being finite, the parameters are restored to
 * their values at the start of the epoch and a {@link TrainingDivergedException} says where.
 */
public final class Trainer {

    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final LearningRateSchedule schedule;
    private final double maxGradientNorm;
    private final EarlyStopping earlyStopping;
    private final List<TrainingListener> listeners;

    private Trainer(Builder b) {
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.schedule = b.schedule;
        this.maxGradientNorm = b.maxGradientNorm;
        this.earlyStopping = b.earlyStopping;
        this.listeners = List.copyOf(b.listeners);
    }

    /** A builder; loss and optimizer are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Trains {@code model} on {@code train} without validation data. */
    public TrainingHistory fit(Sequential model, Dataset train) {
        return fit(model, train, null);
    }

    /**
     * Trains {@code model} on {@code train}, evaluating on {@code validation} (may be null) after each
     * epoch.
     *
     * @throws IllegalArgumentException if a data set's columns do not fit the model
     * @throws IllegalStateException if early stopping is set without validation data
     * @throws TrainingDivergedException if the loss, the gradients or a parameter stops being finite
     */
    public TrainingHistory fit(Sequential model, Dataset train, Dataset validation) {
        checkFits(model, train, "training");
        if (validation != null) {
            checkFits(model, validation, "validation");
        } else if (earlyStopping != null) {
            throw new IllegalStateException("early stopping watches the validation loss: pass validation data");
        }
        Backend backend = model.backend();
        ModelLoss step = new ModelLoss(model, loss);
        MiniBatches batches = train.batches(batchSize, shuffle, seed);
        double initialRate = optimizer.learningRate();
        List<EpochResult> history = new ArrayList<>();
        int[] predicted = new int[batchSize];
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        try (TensorCache x = new TensorCache(backend, model.dtype());
                TensorCache t = new TensorCache(backend, model.dtype());
                Snapshot epochStart = new Snapshot(backend, model.parameters());
                Snapshot best = new Snapshot(backend, model.parameters())) {
            for (int epoch = 1; epoch <= epochs && !stoppedEarly; epoch++) {
                long start = System.nanoTime();
                epochStart.save();
                double rate = schedule.rate(epoch, epochs, initialRate);
                optimizer.learningRate(rate);
                double lossSum = 0;
                long correct = 0;
                for (Iterator<MiniBatches.Batch> it = batches.epoch(); it.hasNext();) {
                    MiniBatches.Batch batch = it.next();
                    Tensor features = x.get(model.inputBatchShape(batch.rows()));
                    Tensor targets = t.get(batch.rows(), train.targetCount());
                    backend.upload(batch.features(), 0, features);
                    backend.upload(batch.targets(), 0, targets);
                    double batchLoss = step.forward(features, targets, true);
                    if (!Double.isFinite(batchLoss)) {
                        epochStart.restore();
                        throw diverged(epoch, batch.number(), batches.count(), "the " + loss.id() + " loss is "
                                + batchLoss);
                    }
                    OptionalDouble accuracy = OptionalDouble.empty();
                    if (train.isClassification()) {
                        int right = correct(backend, step.lastPrediction(), batch, predicted);
                        correct += right;
                        accuracy = OptionalDouble.of((double) right / batch.rows());
                    }
                    step.backward(false);
                    if (maxGradientNorm > 0) {
                        clip(backend, model.parameters(), epochStart, epoch, batch.number(), batches.count());
                    }
                    optimizer.step(model.parameters());
                    lossSum += batchLoss * batch.rows();
                    BatchResult result = new BatchResult(epoch, batch.number(), batches.count(), batch.rows(),
                            batchLoss, accuracy);
                    listeners.forEach(l -> l.onBatchEnd(result));
                }
                String bad = firstNonFinite(backend, model.parameters());
                if (bad != null) {
                    epochStart.restore();
                    throw diverged(epoch, 0, batches.count(), "parameter " + bad + " is no longer finite");
                }
                Duration duration = Duration.ofNanos(System.nanoTime() - start);
                Optional<Evaluation> evaluation = Optional.ofNullable(validation)
                        .map(v -> Evaluation.of(model, loss, v));
                double watched = evaluation.map(Evaluation::loss).orElse(Double.NaN);
                if (validation == null) {
                    bestEpoch = epoch;
                } else if (watched < bestLoss - (earlyStopping != null ? earlyStopping.minDelta() : 0)) {
                    bestLoss = watched;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    if (earlyStopping != null && earlyStopping.restoreBest()) {
                        best.save();
                    }
                } else {
                    sinceBest++;
                    stoppedEarly = earlyStopping != null && sinceBest >= earlyStopping.patience() && epoch < epochs;
                }
                EpochResult result = new EpochResult(epoch, epochs, lossSum / train.size(),
                        train.isClassification() ? OptionalDouble.of((double) correct / train.size())
                                : OptionalDouble.empty(), evaluation, rate, train.size(), duration);
                history.add(result);
                listeners.forEach(l -> l.onEpochEnd(result));
            }
            if (earlyStopping != null && earlyStopping.restoreBest() && bestEpoch > 0
                    && bestEpoch != history.size()) {
                best.restore();
            }
        } finally {
            optimizer.learningRate(initialRate);
        }
        return new TrainingHistory(history, stoppedEarly, bestEpoch);
    }

    private static void checkFits(Sequential model, Dataset data, String which) {
        if (data.featureCount() != model.inputSize()) {
            throw new IllegalArgumentException("the " + which + " data set has " + data.featureCount()
                    + " features per sample but the model expects " + model.inputSize() + " inputs");
        }
        if (data.targetCount() != model.outputSize()) {
            throw new IllegalArgumentException("the " + which + " data set has " + data.targetCount()
                    + " target values per sample but the model outputs " + model.outputSize());
        }
    }

    private TrainingDivergedException diverged(int epoch, int batch, int batchCount, String what) {
        String where = batch > 0 ? "at epoch " + epoch + ", batch " + batch + " of " + batchCount : "in epoch " + epoch;
        return new TrainingDivergedException("Training diverged " + where + ": " + what
                + ". The parameters were restored to their values at the start of epoch " + epoch
                + ". Lower the learning rate (" + optimizer.describe() + "), clip the gradients, or check the data "
                + "for extreme values.", epoch, batch);
    }

    private static int correct(Backend backend, Tensor prediction, MiniBatches.Batch batch, int[] predicted) {
        backend.argmaxRows(prediction, predicted);
        int cols = prediction.cols();
        int right = 0;
        for (int r = 0; r < batch.rows(); r++) {
            if (batch.targetClass(r, cols) == predicted[r]) {
                right++;
            }
        }
        return right;
    }

    /** Scales every gradient by {@code max / norm} when the global L2 norm exceeds {@code max}. */
    private void clip(Backend backend, List<Parameter> parameters, Snapshot epochStart, int epoch, int batch,
            int batchCount) {
        double squares = 0;
        for (Parameter p : parameters) {
            squares += backend.dot(p.gradient(), p.gradient());
        }
        double norm = Math.sqrt(squares);
        if (!Double.isFinite(norm)) {
            epochStart.restore();
            throw diverged(epoch, batch, batchCount, "the gradient norm is " + norm);
        }
        if (norm > maxGradientNorm) {
            double scale = maxGradientNorm / norm;
            for (Parameter p : parameters) {
                backend.affine(p.gradient(), scale, 0, p.gradient());
            }
        }
    }

    private static String firstNonFinite(Backend backend, List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (!Double.isFinite(backend.sum(p.value()))) {
                return p.name();
            }
        }
        return null;
    }

    /** Copies of the parameters, to restore later. */
    private static final class Snapshot implements AutoCloseable {
        private final Backend backend;
        private final List<Parameter> parameters;
        private final List<Tensor> copies = new ArrayList<>();

        Snapshot(Backend backend, List<Parameter> parameters) {
            this.backend = backend;
            this.parameters = parameters;
        }

        void save() {
            if (copies.isEmpty()) {
                for (Parameter p : parameters) {
                    copies.add(backend.allocate(p.value().dtype(), p.rows(), p.cols()));
                }
            }
            for (int i = 0; i < parameters.size(); i++) {
                backend.copy(parameters.get(i).value(), copies.get(i));
            }
        }

        void restore() {
            for (int i = 0; i < copies.size(); i++) {
                backend.copy(copies.get(i), parameters.get(i).value());
            }
        }

        @Override
        public void close() {
            copies.forEach(Tensor::close);
        }
    }

    /** Settings of a {@link Trainer}. */
    public static final class Builder {
        private Loss loss;
        private Optimizer optimizer;
        private int epochs = 1;
        private int batchSize = 32;
        private boolean shuffle = true;
        private long seed = 42;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private double maxGradientNorm;
        private EarlyStopping earlyStopping;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The loss; required. */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** The optimizer; required. Its learning rate is the schedule's initial rate. */
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

        /** Samples per step, at least 1; default 32. */
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

        /** Clips the global L2 norm of all gradients to {@code maxNorm} before each step; off by default. */
        public Builder clipGradientNorm(double maxNorm) {
            if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
                throw new IllegalArgumentException("gradient clipping norm must be finite and > 0, got " + maxNorm);
            }
            this.maxGradientNorm = maxNorm;
            return this;
        }

        /** Stops when the validation loss stops improving; needs validation data in {@code fit}. */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /** Adds a listener. */
        public Builder listener(TrainingListener listener) {
            listeners.add(listener);
            return this;
        }

        /**
         * The trainer.
         *
         * @throws IllegalStateException if the loss or the optimizer is missing
         */
        public Trainer build() {
            if (loss == null) {
                throw new IllegalStateException("a trainer needs a loss: call loss(...)");
            }
            if (optimizer == null) {
                throw new IllegalStateException("a trainer needs an optimizer: call optimizer(...)");
            }
            return new Trainer(this);
        }
    }
}
