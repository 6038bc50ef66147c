package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.init.SeededRandom;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.nn.TensorCache;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a {@link Sequential} model by mini-batch gradient descent:
 *
 * <pre>{@code
 * TrainingHistory history = Trainer.builder()
 *         .loss(Loss.mse())
 *         .optimizer(Optimizer.gradientDescent(1.0))
 *         .epochs(2000)
 *         .batchSize(4)
 *         .build()
 *         .fit(model, data);
 * }</pre>
 *
 * <p>Each epoch visits every sample once, in an order shuffled from the seed (the same on every
 * backend), in batches of {@link Builder#batchSize} (the last may be smaller). Each batch: forward
 * pass, loss, backward pass, optimizer step. If a loss is NaN or infinite, or a parameter is at the
 * end of an epoch, the parameters are restored to their values at the start of that epoch and a
 * {@link TrainingDivergedException} says where it happened.
 */
public final class Trainer {

    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final List<TrainingListener> listeners;

    private Trainer(Builder b) {
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.listeners = List.copyOf(b.listeners);
    }

    /** A builder; loss and optimizer are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains {@code model} on {@code data}.
     *
     * @throws IllegalArgumentException if the data's columns do not fit the model
     * @throws TrainingDivergedException if the loss or a parameter stops being finite
     */
    public TrainingHistory fit(Sequential model, Dataset data) {
        if (data.featureCount() != model.inputSize()) {
            throw new IllegalArgumentException("the data set has " + data.featureCount()
                    + " features per sample but the model expects " + model.inputSize() + " inputs");
        }
        if (data.targetCount() != model.outputSize()) {
            throw new IllegalArgumentException("the data set has " + data.targetCount()
                    + " target values per sample but the model outputs " + model.outputSize());
        }
        Backend backend = model.backend();
        ModelLoss step = new ModelLoss(model, loss);
        Batches batches = new Batches(backend, model, data);
        Snapshot snapshot = new Snapshot(backend, model.parameters());
        SeededRandom random = new SeededRandom(seed);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int batchCount = (data.size() + batchSize - 1) / batchSize;
        List<EpochResult> history = new ArrayList<>();
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                snapshot.save();
                if (shuffle) {
                    random.shuffle(order);
                }
                double lossSum = 0;
                for (int b = 0; b < batchCount; b++) {
                    int from = b * batchSize;
                    int rows = Math.min(batchSize, data.size() - from);
                    batches.load(order, from, rows);
                    double batchLoss = step.forward(batches.features(), batches.targets(), true);
                    if (!Double.isFinite(batchLoss)) {
                        snapshot.restore();
                        throw new TrainingDivergedException("Training diverged at epoch " + epoch + ", batch "
                                + (b + 1) + " of " + batchCount + ": the " + loss.id() + " loss is " + batchLoss
                                + ". The parameters were restored to their values at the start of epoch " + epoch
                                + ". Lower the learning rate (" + optimizer.describe()
                                + ") or check the data for extreme values.", epoch, b + 1);
                    }
                    step.backward(false);
                    optimizer.step(model.parameters());
                    lossSum += batchLoss * rows;
                    BatchResult result = new BatchResult(epoch, b + 1, batchCount, rows, batchLoss);
                    listeners.forEach(l -> l.onBatchEnd(result));
                }
                String bad = firstNonFinite(backend, model.parameters());
                if (bad != null) {
                    snapshot.restore();
                    throw new TrainingDivergedException("Training diverged in epoch " + epoch + ": parameter " + bad
                            + " is no longer finite. The parameters were restored to their values at the start of "
                            + "epoch " + epoch + ". Lower the learning rate (" + optimizer.describe() + ").", epoch, 0);
                }
                EpochResult result = new EpochResult(epoch, epochs, lossSum / data.size(), data.size(),
                        Duration.ofNanos(System.nanoTime() - start));
                history.add(result);
                listeners.forEach(l -> l.onEpochEnd(result));
            }
        } finally {
            batches.close();
            snapshot.close();
        }
        return new TrainingHistory(history);
    }

    private static String firstNonFinite(Backend backend, List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (!Double.isFinite(backend.sum(p.value()))) {
                return p.name();
            }
        }
        return null;
    }

    /** Host and backend buffers for one batch, reused across batches of one size. */
    private static final class Batches implements AutoCloseable {
        private final Backend backend;
        private final Dataset data;
        private final TensorCache features;
        private final TensorCache targets;
        private double[] hostFeatures = new double[0];
        private double[] hostTargets = new double[0];
        private Tensor currentFeatures;
        private Tensor currentTargets;

        Batches(Backend backend, Sequential model, Dataset data) {
            this.backend = backend;
            this.data = data;
            this.features = new TensorCache(backend, model.dtype());
            this.targets = new TensorCache(backend, model.dtype());
        }

        void load(int[] order, int from, int rows) {
            int f = rows * data.featureCount();
            int t = rows * data.targetCount();
            if (hostFeatures.length < f) {
                hostFeatures = new double[f];
            }
            if (hostTargets.length < t) {
                hostTargets = new double[t];
            }
            data.copyFeatures(order, from, rows, hostFeatures);
            data.copyTargets(order, from, rows, hostTargets);
            currentFeatures = features.get(rows, data.featureCount());
            currentTargets = targets.get(rows, data.targetCount());
            backend.upload(hostFeatures, 0, currentFeatures);
            backend.upload(hostTargets, 0, currentTargets);
        }

        Tensor features() {
            return currentFeatures;
        }

        Tensor targets() {
            return currentTargets;
        }

        @Override
        public void close() {
            features.close();
            targets.close();
        }
    }

    /** Copies of the parameters, to restore after divergence. */
    private static final class Snapshot implements AutoCloseable {
        private final Backend backend;
        private final List<Parameter> parameters;
        private final List<Tensor> copies = new ArrayList<>();

        Snapshot(Backend backend, List<Parameter> parameters) {
            this.backend = backend;
            this.parameters = parameters;
            for (Parameter p : parameters) {
                copies.add(backend.allocate(p.value().dtype(), p.rows(), p.cols()));
            }
        }

        void save() {
            for (int i = 0; i < parameters.size(); i++) {
                backend.copy(parameters.get(i).value(), copies.get(i));
            }
        }

        void restore() {
            for (int i = 0; i < parameters.size(); i++) {
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
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The loss; required. */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** The optimizer; required. */
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
