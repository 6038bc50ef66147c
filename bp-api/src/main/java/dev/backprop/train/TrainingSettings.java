package dev.backprop.train;

import dev.backprop.loss.Loss;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings every trainer shares ({@link Trainer}, and trainers elsewhere that promise its result, such
 * as the Spark trainer), with their defaults and their checks: a builder extends this class with its own
 * type as {@code B}, so each setting is written and validated once and still returns the builder.
 *
 * @param <B> the builder's own type
 */
public abstract class TrainingSettings<B extends TrainingSettings<B>> {

    private Loss loss;
    private Optimizer optimizer;
    private int epochs = 1;
    private int batchSize = 32;
    private boolean shuffle = true;
    private long seed = 42;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private double maxGradientNorm;
    private final List<TrainingListener> listeners = new ArrayList<>();

    /** For subclasses. */
    protected TrainingSettings() {
    }

    /** This builder. */
    protected abstract B self();

    /** The loss; required. */
    public B loss(Loss loss) {
        this.loss = loss;
        return self();
    }

    /** The optimizer; required. Its learning rate is the schedule's initial rate. */
    public B optimizer(Optimizer optimizer) {
        this.optimizer = optimizer;
        return self();
    }

    /** Number of passes over the data, at least 1; default 1. */
    public B epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        this.epochs = epochs;
        return self();
    }

    /** Samples per step, at least 1; default 32. */
    public B batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return self();
    }

    /** Whether to shuffle the samples every epoch; default true. */
    public B shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return self();
    }

    /** Seed of the shuffling; default 42. */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** The learning rate per epoch; constant by default. */
    public B schedule(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("the schedule must not be null");
        }
        this.schedule = schedule;
        return self();
    }

    /** Clips the global L2 norm of the batch's gradient to {@code maxNorm} before each step; off by default. */
    public B clipGradientNorm(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("gradient clipping norm must be finite and > 0, got " + maxNorm);
        }
        this.maxGradientNorm = maxNorm;
        return self();
    }

    /** Adds a listener. */
    public B listener(TrainingListener listener) {
        listeners.add(listener);
        return self();
    }

    /**
     * The settings so far, checked for completeness.
     *
     * @param trainer what is being built, for the message ("a trainer")
     * @throws IllegalStateException if the loss or the optimizer is missing
     */
    protected Settings settings(String trainer) {
        if (loss == null) {
            throw new IllegalStateException(trainer + " needs a loss: call loss(...)");
        }
        if (optimizer == null) {
            throw new IllegalStateException(trainer + " needs an optimizer: call optimizer(...)");
        }
        return new Settings(loss, optimizer, epochs, batchSize, shuffle, seed, schedule, maxGradientNorm,
                List.copyOf(listeners));
    }

    /**
     * The shared settings of a built trainer.
     *
     * @param maxGradientNorm 0 when clipping is off
     */
    public record Settings(Loss loss, Optimizer optimizer, int epochs, int batchSize, boolean shuffle, long seed,
            LearningRateSchedule schedule, double maxGradientNorm, List<TrainingListener> listeners) {
    }
}
