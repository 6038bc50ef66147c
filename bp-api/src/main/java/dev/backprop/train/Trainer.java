package dev.backprop.train;

import dev.backprop.data.Augmentation;
import dev.backprop.data.BatchUpload;
import dev.backprop.data.Dataset;
import dev.backprop.data.MiniBatches;
import dev.backprop.eval.Evaluation;
import dev.backprop.init.SeededRandom;
import dev.backprop.loss.Loss;
import dev.backprop.loss.ModelLoss;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
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

    /** The stream of the seed that augmentation draws from (shuffling uses the seed itself). */
    private static final long AUGMENTATION_STREAM = 0x4155_4700L;

    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final Augmentation augmentation;
    private final LearningRateSchedule schedule;
    private final double maxGradientNorm;
    private final EarlyStopping earlyStopping;
    private final List<TrainingListener> listeners;

    private Trainer(TrainingSettings.Settings s, EarlyStopping earlyStopping, Augmentation augmentation) {
        this.loss = s.loss();
        this.optimizer = s.optimizer();
        this.epochs = s.epochs();
        this.batchSize = s.batchSize();
        this.shuffle = s.shuffle();
        this.seed = s.seed();
        this.augmentation = augmentation;
        this.schedule = s.schedule();
        this.maxGradientNorm = s.maxGradientNorm();
        this.earlyStopping = earlyStopping;
        this.listeners = s.listeners();
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
        ModelLoss step = new ModelLoss(model, loss);
        MiniBatches batches = train.batches(batchSize, shuffle, seed);
        double initialRate = optimizer.learningRate();
        List<EpochResult> history = new ArrayList<>();
        EarlyStopWatch watch = new EarlyStopWatch(earlyStopping, validation != null);
        try (BatchUpload upload = new BatchUpload(model.backend(), model.dtype(), model.inputShape(),
                train.targetCount());
                ParameterSnapshot epochStart = new ParameterSnapshot(model.backend(), model.parameters());
                ParameterSnapshot best = new ParameterSnapshot(model.backend(), model.parameters())) {
            Epoch run = new Epoch(model, step, train, batches, upload, epochStart,
                    SeededRandom.forStream(seed, AUGMENTATION_STREAM));
            for (int epoch = 1; epoch <= epochs && !watch.stopped(); epoch++) {
                long start = System.nanoTime();
                double rate = schedule.rate(epoch, epochs, initialRate);
                optimizer.learningRate(rate);
                run.train(epoch);
                Duration duration = Duration.ofNanos(System.nanoTime() - start);
                Optional<Evaluation> evaluation = Optional.ofNullable(validation)
                        .map(v -> Evaluation.of(model, loss, v));
                if (watch.record(epoch, epochs, evaluation.map(Evaluation::loss).orElse(Double.NaN))) {
                    best.save();
                }
                EpochResult result = new EpochResult(epoch, epochs, run.lossSum / train.size(),
                        train.isClassification() ? OptionalDouble.of((double) run.correct / train.size())
                                : OptionalDouble.empty(), evaluation, rate, train.size(), duration);
                history.add(result);
                listeners.forEach(l -> l.onEpochEnd(result));
            }
            if (watch.restoreBestAfter(history.size())) {
                best.restore();
            }
        } finally {
            optimizer.learningRate(initialRate);
        }
        return new TrainingHistory(history, watch.stopped(), watch.bestEpoch());
    }

    /**
     * One pass over the training data: for each batch, {@link #trainBatch upload, forward, check the
     * loss, count the right answers, backward, clip, step}; then check every parameter is finite. A batch
     * allocates nothing unless listeners take its result.
     */
    private final class Epoch {
        private final Sequential model;
        private final ModelLoss step;
        private final Dataset train;
        private final MiniBatches batches;
        private final BatchUpload upload;
        private final ParameterSnapshot epochStart;
        private final GradientClipping clipping = new GradientClipping(maxGradientNorm);
        private final int[] predicted = new int[batchSize];
        private final SeededRandom augmentationRandom;
        private double lossSum;
        private long correct;

        Epoch(Sequential model, ModelLoss step, Dataset train, MiniBatches batches, BatchUpload upload,
                ParameterSnapshot epochStart, SeededRandom augmentationRandom) {
            this.augmentationRandom = augmentationRandom;
            this.model = model;
            this.step = step;
            this.train = train;
            this.batches = batches;
            this.upload = upload;
            this.epochStart = epochStart;
        }

        void train(int epoch) {
            epochStart.save();
            lossSum = 0;
            correct = 0;
            for (Iterator<MiniBatches.Batch> it = batches.epoch(); it.hasNext();) {
                trainBatch(epoch, it.next());
            }
            String bad = firstNonFinite(model.backend(), model.parameters());
            if (bad != null) {
                throw diverged(epoch, 0, "parameter " + bad + " is no longer finite");
            }
        }

        private void trainBatch(int epoch, MiniBatches.Batch batch) {
            if (augmentation != null) {
                augmentation.apply(batch.features(), batch.rows(), train.featureCount(), augmentationRandom);
            }
            upload.upload(batch);
            double batchLoss = step.forward(upload.features(), upload.targets(), true);
            if (!Double.isFinite(batchLoss)) {
                throw diverged(epoch, batch.number(), "the " + loss.id() + " loss is " + batchLoss);
            }
            int right = -1;
            if (train.isClassification()) {
                right = correct(model.backend(), step.lastPrediction(), batch, predicted);
                correct += right;
            }
            step.backward(false);
            double norm = clipping.clip(model.backend(), model.parameters());
            if (!Double.isFinite(norm)) {
                throw diverged(epoch, batch.number(), "the gradient norm is " + norm);
            }
            optimizer.step(model.parameters());
            lossSum += batchLoss * batch.rows();
            if (!listeners.isEmpty()) {
                BatchResult result = new BatchResult(epoch, batch.number(), batches.count(), batch.rows(), batchLoss,
                        right < 0 ? OptionalDouble.empty() : OptionalDouble.of((double) right / batch.rows()));
                for (int i = 0; i < listeners.size(); i++) {
                    listeners.get(i).onBatchEnd(result);
                }
            }
        }

        /** Restores the epoch's starting parameters and says where training diverged. */
        private TrainingDivergedException diverged(int epoch, int batch, String what) {
            epochStart.restore();
            return Trainer.this.diverged(epoch, batch, batches.count(), what);
        }
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

    private static String firstNonFinite(Backend backend, List<Parameter> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (!Double.isFinite(backend.sum(p.value()))) {
                return p.name();
            }
        }
        return null;
    }

    /** Settings of a {@link Trainer}: those of {@link TrainingSettings}, plus early stopping and augmentation. */
    public static final class Builder extends TrainingSettings<Builder> {
        private Augmentation augmentation;
        private EarlyStopping earlyStopping;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Stops when the validation loss stops improving; needs validation data in {@code fit}. */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /**
         * Changes every training batch before it is uploaded (e.g. {@link Augmentation#randomShift}),
         * from a random stream of the seed; off by default.
         */
        public Builder augmentation(Augmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /**
         * The trainer.
         *
         * @throws IllegalStateException if the loss or the optimizer is missing
         */
        public Trainer build() {
            return new Trainer(settings("a trainer"), earlyStopping, augmentation);
        }
    }
}
