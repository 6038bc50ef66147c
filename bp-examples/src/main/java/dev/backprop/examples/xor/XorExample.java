package dev.backprop.examples.xor;

import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.train.EpochResult;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingHistory;
import dev.backprop.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The network of the classic backpropagation tutorial, as the tutorial meant it: 2 inputs, 5 sigmoid
 * hidden units, 1 sigmoid output, mean squared error, full-batch gradient descent on the four XOR
 * rows. (The tutorial's own code has an undefined variable in the backward pass and uses the
 * derivative of a linear output; here the backward pass is the framework's.)
 */
public final class XorExample {

    /** The four XOR inputs. */
    public static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    /** Their targets. */
    public static final double[][] TARGETS = {{0}, {1}, {1}, {0}};

    /**
     * Training settings.
     *
     * @param epochs full-batch gradient-descent steps
     * @param learningRate step size
     * @param seed seed of the initial weights
     * @param printEvery print the loss every this many epochs (0: never)
     */
    public record Settings(int epochs, double learningRate, long seed, int printEvery) {
        /** Checks the counts: at least one epoch, a print interval of 0 or more. */
        public Settings {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            if (printEvery < 0) {
                throw new IllegalArgumentException("printEvery must be >= 0 (0: never), got " + printEvery);
            }
        }

        /** The defaults: they converge on every backend, in float32 and float64. */
        public static Settings defaults() {
            return new Settings(5000, 2.0, 7, 100);
        }
    }

    /**
     * What training gave.
     *
     * @param history per-epoch losses
     * @param finalLoss MSE of the trained network on the four rows
     * @param predictions the network's outputs for {@link #INPUTS}
     */
    public record Result(TrainingHistory history, double finalLoss, double[][] predictions) {
        /** Whether every output is on the right side of 0.5 and the MSE is below 0.01. */
        public boolean converged() {
            for (int i = 0; i < predictions.length; i++) {
                if ((predictions[i][0] > 0.5) != (TARGETS[i][0] > 0.5)) {
                    return false;
                }
            }
            return finalLoss < 0.01;
        }
    }

    private XorExample() {
    }

    /** The untrained 2-5-1 sigmoid network on {@code backend}, its weights drawn from {@code seed}. */
    public static Sequential network(Backend backend, DType dtype, long seed) {
        return Sequential.builder()
                .input(2)
                .dense(5, Activation.sigmoid())
                .dense(1, Activation.sigmoid())
                .dtype(dtype)
                .seed(seed)
                .backend(backend)
                .build();
    }

    /** Builds the 2-5-1 network on {@code backend}, trains it and reports to {@code out}. */
    public static Result run(Backend backend, DType dtype, Settings settings, PrintWriter out) {
        try (Sequential model = network(backend, dtype, settings.seed());
                Loss loss = Loss.mse();
                Optimizer optimizer = Optimizer.gradientDescent(settings.learningRate())) {
            out.printf(Locale.ROOT, "XOR 2-5-1 (sigmoid, MSE, gradient descent lr %s) on backend %s, %s%n",
                    settings.learningRate(), backend.name(), dtype.id());
            TrainingHistory history = Trainer.builder()
                    .loss(loss)
                    .optimizer(optimizer)
                    .epochs(settings.epochs())
                    .batchSize(INPUTS.length)
                    .shuffle(false)
                    .listener(new TrainingListener() {
                        @Override
                        public void onEpochEnd(EpochResult result) {
                            if (settings.printEvery() > 0 && (result.epoch() % settings.printEvery() == 0
                                    || result.epoch() == 1)) {
                                out.printf(Locale.ROOT, "epoch %5d  loss %.6f%n", result.epoch(), result.loss());
                                out.flush();
                            }
                        }
                    })
                    .build()
                    .fit(model, Dataset.of(INPUTS, TARGETS));
            double[][] predictions = model.predict(INPUTS);
            double finalLoss = 0;
            for (int i = 0; i < INPUTS.length; i++) {
                double d = predictions[i][0] - TARGETS[i][0];
                finalLoss += d * d / INPUTS.length;
            }
            out.printf(Locale.ROOT, "final MSE %.6f%n", finalLoss);
            for (int i = 0; i < INPUTS.length; i++) {
                out.printf(Locale.ROOT, "%.0f XOR %.0f = %.4f (target %.0f)%n", INPUTS[i][0], INPUTS[i][1],
                        predictions[i][0], TARGETS[i][0]);
            }
            out.flush();
            return new Result(history, finalLoss, predictions);
        }
    }
}
